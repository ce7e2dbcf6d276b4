package io.kairos.raft.quorum;

import static org.assertj.core.api.Assertions.assertThat;

import io.kairos.raft.Membership;
import io.kairos.raft.NodeId;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class QuorumTest {

    private static Set<NodeId> ids(int... values) {
        Set<NodeId> out = new TreeSet<>();
        for (int v : values) {
            out.add(NodeId.of(v));
        }
        return out;
    }

    /** Acknowledged indexes of nodes 1, 2, 3, ... in order. */
    private static Map<NodeId, Long> acked(long... indexes) {
        Map<NodeId, Long> out = new HashMap<>();
        for (int i = 0; i < indexes.length; i++) {
            out.put(NodeId.of(i + 1), indexes[i]);
        }
        return out;
    }

    private static long committed(MajorityQuorum q, Map<NodeId, Long> acked) {
        return q.committed(id -> acked.getOrDefault(id, 0L));
    }

    private static Map<NodeId, Boolean> votes(Object... pairs) {
        Map<NodeId, Boolean> out = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put(NodeId.of((Integer) pairs[i]), (Boolean) pairs[i + 1]);
        }
        return out;
    }

    @Nested
    @DisplayName("§5.3 and §5.2 Majorities")
    class Majorities {

        @Test
        void aMajorityOfNIsHalfPlusOne() {
            assertThat(new MajorityQuorum(ids(1)).size()).isEqualTo(1);
            assertThat(new MajorityQuorum(ids(1, 2)).size()).isEqualTo(2);
            assertThat(new MajorityQuorum(ids(1, 2, 3)).size()).isEqualTo(2);
            assertThat(new MajorityQuorum(ids(1, 2, 3, 4)).size()).isEqualTo(3);
            assertThat(new MajorityQuorum(ids(1, 2, 3, 4, 5)).size()).isEqualTo(3);
        }

        @Test
        void theCommittedIndexIsTheHighestOneAMajorityHolds() {
            assertThat(committed(new MajorityQuorum(ids(1)), acked(7))).isEqualTo(7);
            assertThat(committed(new MajorityQuorum(ids(1, 2, 3)), acked(5, 9, 1))).isEqualTo(5);
            assertThat(committed(new MajorityQuorum(ids(1, 2, 3)), acked(9, 9, 1))).isEqualTo(9);
            assertThat(committed(new MajorityQuorum(ids(1, 2, 3, 4, 5)), acked(1, 2, 3, 4, 5))).isEqualTo(3);
            assertThat(committed(new MajorityQuorum(ids(1, 2, 3, 4, 5)), acked(5, 5, 1, 1, 2))).isEqualTo(2);
        }

        @Test
        void withAnEvenNumberOfVotersHalfIsNotEnough() {
            assertThat(committed(new MajorityQuorum(ids(1, 2)), acked(4, 2))).isEqualTo(2);
            assertThat(committed(new MajorityQuorum(ids(1, 2, 3, 4)), acked(8, 8, 3, 1))).isEqualTo(3);
            assertThat(committed(new MajorityQuorum(ids(1, 2, 3, 4)), acked(8, 8, 8, 1))).isEqualTo(8);
        }

        @Test
        void votersMissingFromTheAcknowledgementsCountAsZero() {
            assertThat(committed(new MajorityQuorum(ids(1, 2, 3)), acked(6))).isZero();
            assertThat(committed(new MajorityQuorum(ids(1, 2, 3)), acked(6, 4))).isEqualTo(4);
        }

        @Test
        void onlyVotersCount() {
            assertThat(committed(new MajorityQuorum(ids(1, 2, 3)), acked(1, 1, 1, 9, 9, 9))).isEqualTo(1);
        }

        @Test
        void anEmptySetAgreesToEverything() {
            MajorityQuorum empty = new MajorityQuorum(Set.of());
            assertThat(empty.committed(id -> 0)).isEqualTo(Long.MAX_VALUE);
            assertThat(empty.tally(Map.of())).isEqualTo(VoteResult.WON);
        }

        @Test
        void anElectionIsWonByAMajorityOfGrantedVotes() {
            MajorityQuorum q = new MajorityQuorum(ids(1, 2, 3));
            assertThat(q.tally(votes(1, true))).isEqualTo(VoteResult.PENDING);
            assertThat(q.tally(votes(1, true, 2, true))).isEqualTo(VoteResult.WON);
            assertThat(q.tally(votes(1, true, 2, false))).isEqualTo(VoteResult.PENDING);
            assertThat(q.tally(votes(1, true, 2, false, 3, false))).isEqualTo(VoteResult.LOST);
            assertThat(q.tally(votes(1, false, 2, false))).isEqualTo(VoteResult.LOST);
        }

        @Test
        void withAnEvenNumberOfVotersATieIsLost() {
            MajorityQuorum q = new MajorityQuorum(ids(1, 2, 3, 4));
            assertThat(q.tally(votes(1, true, 2, true))).isEqualTo(VoteResult.PENDING);
            assertThat(q.tally(votes(1, true, 2, true, 3, false))).isEqualTo(VoteResult.PENDING);
            assertThat(q.tally(votes(1, true, 2, true, 3, false, 4, false))).isEqualTo(VoteResult.LOST);
            assertThat(q.tally(votes(1, true, 2, true, 3, true))).isEqualTo(VoteResult.WON);
        }

        @Test
        void votesOfNonVotersAreIgnored() {
            MajorityQuorum q = new MajorityQuorum(ids(1, 2, 3));
            assertThat(q.tally(votes(1, true, 7, true, 8, true))).isEqualTo(VoteResult.PENDING);
        }

        @Test
        void theVoterSetIsCopied() {
            Set<NodeId> voters = new TreeSet<>(ids(1, 2, 3));
            MajorityQuorum q = new MajorityQuorum(voters);
            voters.add(NodeId.of(4));
            assertThat(q.voters()).isEqualTo(ids(1, 2, 3));
        }
    }

    @Nested
    @DisplayName("§6 Joint consensus: both majorities")
    class JointMajorities {

        private final JointQuorum joint = JointQuorum.of(new Membership(ids(1, 2, 4), ids(1, 2, 3), Set.of()));

        @Test
        void aPlainConfigurationIsASingleMajority() {
            JointQuorum plain = JointQuorum.of(Membership.ofVoters(NodeId.of(1), NodeId.of(2), NodeId.of(3)));
            assertThat(plain.committed(id -> acked(5, 9, 1).getOrDefault(id, 0L))).isEqualTo(5);
            assertThat(plain.tally(votes(1, true, 3, true))).isEqualTo(VoteResult.WON);
            assertThat(plain.isQuorum(ids(2, 3))).isTrue();
            assertThat(plain.isQuorum(ids(3))).isFalse();
        }

        @Test
        void theJointCommittedIndexIsTheLowerOfTheTwoMajorities() {
            // Nodes 1..4 acknowledged 9, 9, 2, 5: {1,2,4} holds 9, {1,2,3} holds 9.
            assertThat(joint.committed(id -> acked(9, 9, 2, 5).getOrDefault(id, 0L))).isEqualTo(9);
            // Nodes 1..4 acknowledged 9, 1, 2, 5: {1,2,4} holds 5, {1,2,3} holds 2.
            assertThat(joint.committed(id -> acked(9, 1, 2, 5).getOrDefault(id, 0L))).isEqualTo(2);
            // Nodes 1..4 acknowledged 9, 1, 7, 2: {1,2,4} holds 2, {1,2,3} holds 7.
            assertThat(joint.committed(id -> acked(9, 1, 7, 2).getOrDefault(id, 0L))).isEqualTo(2);
        }

        @Test
        void aJointElectionNeedsBothMajorities() {
            assertThat(joint.tally(votes(1, true, 4, true))).isEqualTo(VoteResult.PENDING);
            assertThat(joint.tally(votes(1, true, 3, true))).isEqualTo(VoteResult.PENDING);
            assertThat(joint.tally(votes(1, true, 3, true, 4, true))).isEqualTo(VoteResult.WON);
            assertThat(joint.tally(votes(1, true, 2, true))).isEqualTo(VoteResult.WON);
        }

        @Test
        void aJointElectionIsLostWhenEitherMajorityIsLost() {
            assertThat(joint.tally(votes(1, true, 2, false, 4, false))).isEqualTo(VoteResult.LOST);
            assertThat(joint.tally(votes(1, true, 2, false, 3, false, 4, true))).isEqualTo(VoteResult.LOST);
        }

        @Test
        void aJointQuorumOfActiveNodesNeedsBothMajorities() {
            assertThat(joint.isQuorum(ids(1, 2))).isTrue();
            assertThat(joint.isQuorum(ids(1, 3, 4))).isTrue();
            assertThat(joint.isQuorum(ids(1, 4))).isFalse();
            assertThat(joint.isQuorum(ids(3, 4))).isFalse();
            assertThat(joint.isQuorum(Set.of())).isFalse();
        }
    }
}
