package io.kairos.raft;

import static io.kairos.raft.LoneNode.n;
import static org.assertj.core.api.Assertions.assertThat;

import io.kairos.raft.message.AppendRequest;
import io.kairos.raft.message.AppendResponse;
import io.kairos.raft.message.Message;
import io.kairos.raft.message.TimeoutNow;
import io.kairos.raft.message.VoteRequest;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LeadershipTransferTest {

    @Nested
    @DisplayName("Thesis §3.10 Leadership transfer extension")
    class LeadershipTransfer {

        @Test
        void toAnUpToDateFollowerTheLeaderSendsTimeoutNowAndTheTargetLeadsTheNextTerm() {
            TestCluster c = TestCluster.of(3);
            c.elect(1);
            c.propose(1, "a");

            assertThat(c.node(1).transferLeadership(n(2))).isEqualTo(new ProposeResult.Accepted(2, 1));
            c.flush();
            assertThat(c.inFlight(TimeoutNow.class)).containsExactly(new TimeoutNow(n(1), n(2), 1));
            assertThat(c.inFlight(AppendRequest.class)).isEmpty();
            c.stabilize();

            assertThat(c.node(2).role()).isEqualTo(Role.LEADER);
            assertThat(c.node(2).term()).isEqualTo(2);
            assertThat(c.node(1).role()).isEqualTo(Role.FOLLOWER);
            assertThat(c.node(1).leader()).isEqualTo(n(2));
            assertThat(c.node(1).isTransferringLeadership()).isFalse();
            assertThat(c.sent.stream().filter(m -> m instanceof VoteRequest v && m.from().equals(n(2))))
                    .allMatch(m -> ((VoteRequest) m).transfer() && !((VoteRequest) m).preVote()).isNotEmpty();
            c.propose(2, "b");
            assertThat(c.appliedCommands(1)).containsExactly("a", "b");
        }

        @Test
        void toALaggingFollowerTheLeaderFirstCatchesItUpThenSendsTimeoutNow() {
            TestCluster c = TestCluster.of(3);
            c.elect(1);
            c.isolate(3);
            c.propose(1, "a");
            c.propose(1, "b");
            c.rejoin(3);

            c.node(1).transferLeadership(n(3));
            c.flush();
            assertThat(c.inFlight(TimeoutNow.class)).isEmpty();
            assertThat(c.inFlight(AppendRequest.class)).extracting(Message::to).containsExactly(n(3));
            c.stabilize();

            List<Message> log = c.delivered;
            int caughtUp = indexOf(log, m -> m instanceof AppendResponse r && r.from().equals(n(3)) && r.success()
                    && r.index() == 3);
            int timeoutNow = indexOf(log, m -> m instanceof TimeoutNow);
            assertThat(caughtUp).isNotNegative();
            assertThat(timeoutNow).isGreaterThan(caughtUp);
            assertThat(c.node(3).role()).isEqualTo(Role.LEADER);
            assertThat(c.node(3).term()).isEqualTo(2);
            c.tick(1);
            assertThat(c.appliedCommands(3)).containsExactly("a", "b");
        }

        private int indexOf(List<Message> log, java.util.function.Predicate<Message> p) {
            for (int i = 0; i < log.size(); i++) {
                if (p.test(log.get(i))) {
                    return i;
                }
            }
            return -1;
        }

        @Test
        void duringATransferProposalsAndMembershipChangesAreBusy() {
            TestCluster c = TestCluster.of(3);
            c.elect(1);
            c.isolate(3);
            c.node(1).transferLeadership(n(3));

            assertThat(c.node(1).isTransferringLeadership()).isTrue();
            assertThat(c.propose(1, "a")).isInstanceOf(ProposeResult.Busy.class);
            assertThat(c.node(1).proposeMembership(Set.of(n(1), n(2)), Set.of())).isInstanceOf(ProposeResult.Busy.class);
            assertThat(c.node(1).transferLeadership(n(3))).isInstanceOf(ProposeResult.Busy.class);
            assertThat(c.node(1).lastIndex()).isEqualTo(1);
        }

        @Test
        void aTransferToAnUnreachableTargetIsAbandonedAfterAnElectionTimeout() {
            TestCluster c = TestCluster.of(3);
            c.elect(1);
            c.isolate(3);
            c.node(1).transferLeadership(n(3));

            c.tick(9);
            assertThat(c.node(1).isTransferringLeadership()).isTrue();
            c.tick(1);

            assertThat(c.node(1).isTransferringLeadership()).isFalse();
            assertThat(c.node(1).role()).isEqualTo(Role.LEADER);
            assertThat(c.node(1).term()).isEqualTo(1);
            assertThat(c.propose(1, "a")).isEqualTo(new ProposeResult.Accepted(2, 1));
            assertThat(c.node(1).commitIndex()).isEqualTo(2);
        }

        @Test
        void aNewTransferReplacesTheOneInProgress() {
            TestCluster c = TestCluster.of(3);
            c.elect(1);
            c.isolate(3);
            c.node(1).transferLeadership(n(3));

            assertThat(c.node(1).transferLeadership(n(2))).isEqualTo(new ProposeResult.Accepted(1, 1));
            c.stabilize();

            assertThat(c.node(2).role()).isEqualTo(Role.LEADER);
        }

        @Test
        void aTransferToANodeTheConfigurationRemovesIsAbandoned() {
            TestCluster c = TestCluster.of(3);
            c.elect(1);
            c.isolate(3);
            c.node(1).proposeMembership(Set.of(n(1), n(2)), Set.of());
            c.node(1).transferLeadership(n(3));
            assertThat(c.node(1).isTransferringLeadership()).isTrue();

            c.stabilize();

            assertThat(c.node(1).membership().isVoter(n(3))).isFalse();
            assertThat(c.node(1).isTransferringLeadership()).isFalse();
            assertThat(c.node(1).role()).isEqualTo(Role.LEADER);
            assertThat(c.propose(1, "a")).isInstanceOf(ProposeResult.Accepted.class);
        }

        @Test
        void aConfigurationThatKeepsTheTargetLeavesTheTransferRunning() {
            TestCluster c = TestCluster.of(3);
            c.start(n(4), MemoryStorage.bootstrap(LoneNode.voters(3)));
            c.elect(1);
            c.isolate(3);
            c.node(1).proposeMembership(Set.of(n(1), n(2), n(3)), Set.of(n(4)));
            c.node(1).transferLeadership(n(3));

            c.stabilize();

            assertThat(c.node(1).membership().isLearner(n(4))).isTrue();
            assertThat(c.node(1).isTransferringLeadership()).isTrue();
        }

        @Test
        void onlyALeaderTransfersAndOnlyToAnotherVoter() {
            TestCluster c = TestCluster.of(3);
            c.elect(1);

            assertThat(c.node(2).transferLeadership(n(3))).isEqualTo(new ProposeResult.NotLeader(n(1)));
            assertThat(c.node(1).transferLeadership(n(1))).isInstanceOf(ProposeResult.Refused.class);
            assertThat(c.node(1).transferLeadership(n(9))).isInstanceOf(ProposeResult.Refused.class);
            assertThat(c.node(1).isTransferringLeadership()).isFalse();
            assertThat(c.node(2).isTransferringLeadership()).isFalse();
        }

        @Test
        void timeoutNowMakesAFollowerCampaignAtOnceWithoutAPreVote() {
            LoneNode follower = LoneNode.of(2, 3, 1, 1);

            List<Message> out = follower.step(new TimeoutNow(n(1), n(2), 1));

            assertThat(follower.node.role()).isEqualTo(Role.CANDIDATE);
            assertThat(follower.node.term()).isEqualTo(2);
            assertThat(out).containsExactly(
                    new VoteRequest(n(2), n(1), 2, 1, 1, false, true),
                    new VoteRequest(n(2), n(3), 2, 1, 1, false, true));
        }

        @Test
        void aNodeThatIsNotAVoterIgnoresTimeoutNow() {
            LoneNode outsider = LoneNode.of(4, 3, 1, 1);

            assertThat(outsider.step(new TimeoutNow(n(1), n(4), 1))).isEmpty();
            assertThat(outsider.node.role()).isEqualTo(Role.FOLLOWER);
            assertThat(outsider.node.term()).isEqualTo(1);
        }
    }
}
