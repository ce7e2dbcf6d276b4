package io.kairos.raft;

import static io.kairos.raft.LoneNode.n;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kairos.raft.message.Message;
import io.kairos.raft.message.TimeoutNow;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The core's value types validate what they are built from. */
class ValuesTest {

    @Nested
    @DisplayName("Node ids")
    class NodeIds {

        @Test
        void idsArePositiveOrderedAndNamed() {
            assertThatThrownBy(() -> NodeId.of(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
            assertThat(NodeId.of(1).compareTo(NodeId.of(2))).isNegative();
            assertThat(NodeId.of(2).compareTo(NodeId.of(2))).isZero();
            assertThat(NodeId.of(7)).hasToString("n7");
        }
    }

    @Nested
    @DisplayName("§6 Configurations")
    class Configurations {

        private final Membership three = Membership.ofVoters(n(1), n(2), n(3));

        @Test
        void aConfigurationNeedsAVoterAndKeepsLearnersApartFromVoters() {
            assertThatThrownBy(() -> Membership.of(Set.of(), Set.of())).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Membership.of(Set.of(n(1)), Set.of(n(1)))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new Membership(Set.of(n(1)), Set.of(n(2)), Set.of(n(2))))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void votersLearnersAndMembersAreTold() {
            Membership m = Membership.of(Set.of(n(1), n(2)), Set.of(n(3)));

            assertThat(m.isVoter(n(1))).isTrue();
            assertThat(m.isVoter(n(3))).isFalse();
            assertThat(m.isLearner(n(3))).isTrue();
            assertThat(m.isLearner(n(1))).isFalse();
            assertThat(m.contains(n(3))).isTrue();
            assertThat(m.contains(n(1))).isTrue();
            assertThat(m.contains(n(4))).isFalse();
            assertThat(m.members()).containsExactly(n(1), n(2), n(3));
            assertThat(m.size()).isEqualTo(3);
            assertThat(m.isJoint()).isFalse();
            assertThat(m).hasToString("voters=[n1, n2] learners=[n3]");
        }

        @Test
        void aJointConfigurationCountsBothHalvesAsVotersAndLeavesToItsIncomingHalf() {
            Membership target = Membership.of(Set.of(n(2), n(3), n(4)), Set.of(n(5)));
            Membership joint = three.enterJoint(target);

            assertThat(joint.isJoint()).isTrue();
            assertThat(joint.voters()).containsExactlyInAnyOrder(n(2), n(3), n(4));
            assertThat(joint.outgoingVoters()).containsExactlyInAnyOrder(n(1), n(2), n(3));
            assertThat(joint.isVoter(n(1))).isTrue();
            assertThat(joint.isVoter(n(4))).isTrue();
            assertThat(joint.members()).containsExactly(n(1), n(2), n(3), n(4), n(5));
            assertThat(joint).hasToString("voters=[n2, n3, n4]&[n1, n2, n3] learners=[n5]");
            assertThat(joint.leaveJoint()).isEqualTo(target);
            assertThatThrownBy(() -> joint.enterJoint(target)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> three.enterJoint(joint)).isInstanceOf(IllegalStateException.class);
        }

        @Test
        void theSetsAreCopied() {
            Set<NodeId> voters = new java.util.HashSet<>(Set.of(n(1)));
            Membership m = Membership.of(voters, Set.of());
            voters.add(n(2));
            assertThat(m.voters()).containsExactly(n(1));
        }
    }

    @Nested
    @DisplayName("Configuration of a node")
    class Config {

        private RaftConfig.Builder valid() {
            return RaftConfig.builder(n(1), new Random(1)).electionTimeoutTicks(10).heartbeatTicks(2)
                    .leaseDriftMarginTicks(3);
        }

        @Test
        void theLeaseIsTheElectionTimeoutLessTheDriftMargin() {
            assertThat(valid().build().leaseTicks()).isEqualTo(7);
            assertThat(valid().leaseDriftMarginTicks(0).build().leaseTicks()).isEqualTo(10);
        }

        @Test
        void defaultsSuitATenMillisecondTick() {
            RaftConfig c = RaftConfig.builder(n(1), new Random(1)).build();
            assertThat(c.electionTimeoutTicks()).isEqualTo(100);
            assertThat(c.heartbeatTicks()).isEqualTo(10);
            assertThat(c.preVote()).isTrue();
            assertThat(c.checkQuorum()).isTrue();
            assertThat(c.leaseTicks()).isEqualTo(90);
        }

        @Test
        void toBuilderRoundTrips() {
            RaftConfig c = valid().maxEntriesPerMessage(3).maxBytesPerMessage(99).maxInflightMessages(4)
                    .maxUncommittedEntries(5).preVote(false).checkQuorum(false).build();
            assertThat(c.toBuilder().build()).isEqualTo(c);
        }

        @Test
        void invalidTimingsAndLimitsAreRefused() {
            assertThatThrownBy(() -> valid().heartbeatTicks(0).build()).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> valid().heartbeatTicks(10).build()).isInstanceOf(IllegalArgumentException.class);
            assertThat(valid().heartbeatTicks(9).build().heartbeatTicks()).isEqualTo(9);
            assertThat(valid().heartbeatTicks(1).build().heartbeatTicks()).isEqualTo(1);
            assertThatThrownBy(() -> valid().maxEntriesPerMessage(0).build()).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> valid().maxBytesPerMessage(0).build()).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> valid().maxInflightMessages(0).build()).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> valid().maxUncommittedEntries(0).build()).isInstanceOf(IllegalArgumentException.class);
            assertThat(valid().maxEntriesPerMessage(1).maxBytesPerMessage(1).maxInflightMessages(1)
                    .maxUncommittedEntries(1).build().maxInflightMessages()).isEqualTo(1);
            assertThatThrownBy(() -> valid().leaseDriftMarginTicks(-1).build()).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> valid().leaseDriftMarginTicks(10).build()).isInstanceOf(IllegalArgumentException.class);
            assertThat(valid().leaseDriftMarginTicks(9).build().leaseTicks()).isEqualTo(1);
            assertThatThrownBy(() -> RaftConfig.builder(null, new Random(1)).build()).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> RaftConfig.builder(n(1), null).build()).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    @DisplayName("§5.3 Log entries")
    class Entries {

        @Test
        void entriesHaveAPositiveIndexAndTerm() {
            assertThatThrownBy(() -> new LogEntry.Noop(0, 1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new LogEntry.Noop(1, 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new LogEntry.Command(1, 1, null)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new LogEntry.Config(1, 1, null)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void sizesCountTheFramingAndThePayload() {
            assertThat(new LogEntry.Noop(1, 1).sizeBytes()).isEqualTo(LogEntry.OVERHEAD_BYTES);
            assertThat(new LogEntry.Command(1, 1, new byte[10]).sizeBytes()).isEqualTo(LogEntry.OVERHEAD_BYTES + 10);
            assertThat(new LogEntry.Config(1, 1, LoneNode.voters(3)).sizeBytes()).isEqualTo(LogEntry.OVERHEAD_BYTES + 24);
        }

        @Test
        void commandsCompareByPositionAndPayloadContent() {
            LogEntry.Command a = new LogEntry.Command(2, 1, new byte[] {1, 2});
            assertThat(a).isEqualTo(new LogEntry.Command(2, 1, new byte[] {1, 2}));
            assertThat(a).hasSameHashCodeAs(new LogEntry.Command(2, 1, new byte[] {1, 2}));
            assertThat(a).isNotEqualTo(new LogEntry.Command(2, 1, new byte[] {1, 3}));
            assertThat(a).isNotEqualTo(new LogEntry.Command(3, 1, new byte[] {1, 2}));
            assertThat(a).isNotEqualTo(new LogEntry.Command(2, 2, new byte[] {1, 2}));
            assertThat(a).isNotEqualTo(new LogEntry.Noop(2, 1));
            assertThat(a.hashCode()).isNotEqualTo(new LogEntry.Command(2, 2, new byte[] {1, 2}).hashCode());
            assertThat(a.hashCode()).isNotEqualTo(new LogEntry.Command(3, 1, new byte[] {1, 2}).hashCode());
            assertThat(a).hasToString("Command[2@1, 2 bytes]");
        }

        @Test
        void anEntryMovedToAnotherPositionKeepsItsContent() {
            Membership m = LoneNode.voters(3);
            assertThat(LogEntry.at(new LogEntry.Command(1, 1, new byte[] {9}), 5, 3))
                    .isEqualTo(new LogEntry.Command(5, 3, new byte[] {9}));
            assertThat(LogEntry.at(new LogEntry.Noop(1, 1), 5, 3)).isEqualTo(new LogEntry.Noop(5, 3));
            assertThat(LogEntry.at(new LogEntry.Config(1, 1, m), 5, 3)).isEqualTo(new LogEntry.Config(5, 3, m));
        }
    }

    @Nested
    @DisplayName("Figure 2 State and the Ready batch")
    class State {

        @Test
        void hardStateTermAndCommitAreNeverNegative() {
            assertThatThrownBy(() -> new HardState(-1, null, 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new HardState(0, null, -1)).isInstanceOf(IllegalArgumentException.class);
            assertThat(HardState.EMPTY).isEqualTo(new HardState(0, null, 0));
        }

        @Test
        void aSnapshotPositionIsValidAndCarriesItsMembership() {
            Membership m = LoneNode.voters(3);
            assertThatThrownBy(() -> new SnapshotMeta(-1, 0, m)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new SnapshotMeta(0, -1, m)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new SnapshotMeta(0, 1, m)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new SnapshotMeta(1, 0, m)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new SnapshotMeta(1, 1, null)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new Snapshot(null, Snapshot.NO_PAYLOAD)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new Snapshot(new SnapshotMeta(1, 1, m), null)).isInstanceOf(IllegalArgumentException.class);
            assertThat(Snapshot.initial(m).index()).isZero();
            assertThat(Snapshot.initial(m).payload().sizeBytes()).isZero();
        }

        @Test
        void aReadyCopiesItsListsAndTellsWhetherItHasWork() {
            SoftState soft = new SoftState(Role.FOLLOWER, null, 0, LoneNode.voters(3));
            List<Message> messages = new ArrayList<>();
            Ready empty = new Ready(null, soft, null, List.of(), messages, List.of(), List.of());
            messages.add(new TimeoutNow(n(1), n(2), 1));

            assertThat(empty.messages()).isEmpty();
            assertThat(empty.hasWork()).isFalse();
            assertThat(new Ready(HardState.EMPTY, soft, null, List.of(), List.of(), List.of(), List.of()).hasWork()).isTrue();
            assertThat(new Ready(null, soft, Snapshot.initial(LoneNode.voters(3)), List.of(), List.of(), List.of(), List.of())
                    .hasWork()).isTrue();
            assertThat(new Ready(null, soft, null, List.of(new LogEntry.Noop(1, 1)), List.of(), List.of(), List.of())
                    .hasWork()).isTrue();
            assertThat(new Ready(null, soft, null, List.of(), messages, List.of(), List.of()).hasWork()).isTrue();
            assertThat(new Ready(null, soft, null, List.of(), List.of(), List.of(new LogEntry.Noop(1, 1)), List.of())
                    .hasWork()).isTrue();
            assertThat(new Ready(null, soft, null, List.of(), List.of(), List.of(), List.of(new ReadState(1, 1)))
                    .hasWork()).isTrue();
        }
    }
}
