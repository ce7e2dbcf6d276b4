package io.kairos.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.kairos.raft.message.VoteRequest;
import io.kairos.raft.message.VoteResponse;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Bugs the whole-cluster simulator ({@code kairos-sim}) found in the core, each reproduced here in
 * its smallest form. The seeds that found them are in the simulator's regression list.
 */
class SimulatorFindingsTest {

    private static NodeId n(int id) {
        return NodeId.of(id);
    }

    @Nested
    class CommitOnAppendResponseThatChangesTheConfiguration {

        @Test
        void leaderThatCommitsItsOwnRemovalOnAnAppendResponseStepsDownWithoutSendingMore() {
            TestCluster c = TestCluster.of(3);
            c.elect(1);
            assertThat(c.node(1).proposeMembership(Set.of(n(2), n(3)), Set.of()))
                    .isInstanceOf(ProposeResult.Accepted.class);
            c.stabilize();
            assertThat(c.node(1).role()).isEqualTo(Role.FOLLOWER);

            c.tick(40); // the remaining voters elect a leader, whose first commit tells them the outcome
            RaftNode leader = c.leader();
            assertThat(leader.id()).isIn(n(2), n(3));
            assertThat(leader.membership().voters()).containsExactlyInAnyOrder(n(2), n(3));
            assertThat(leader.membership().isJoint()).isFalse();
        }

        @Test
        void followerWhoseAckCommitsItsOwnRemovalIsNoLongerSentAppends() {
            // n4 is unreachable, so the joint configuration [1, 2, 4] & [1, 2, 3, 4] needs n3's ack
            // for the old majority: n3's answer commits the final configuration that removes n3.
            TestCluster c = TestCluster.of(4);
            c.isolate(4);
            c.elect(1);
            assertThat(c.node(1).proposeMembership(Set.of(n(1), n(2), n(4)), Set.of()))
                    .isInstanceOf(ProposeResult.Accepted.class);
            c.stabilize();

            assertThat(c.node(1).role()).isEqualTo(Role.LEADER);
            assertThat(c.node(1).membership().voters()).containsExactlyInAnyOrder(n(1), n(2), n(4));
            assertThat(c.node(1).membership().isJoint()).isFalse();
        }
    }

    @Nested
    class LeaseAcrossAFollowerRestart {

        @Test
        void restartedFollowerDoesNotVoteAnotherLeaderInWhileTheLeaseItHelpedGrantMayHold() {
            TestCluster c = TestCluster.of(3);
            c.elect(1);
            c.propose(1, "x");
            c.cut(1, 3); // n3 stops hearing the leader; the leader keeps its lease through n2's acks
            while (c.node(3).role() == Role.FOLLOWER) {
                c.tick(1);
            }
            assertThat(c.node(1).hasValidLease()).isTrue();

            c.restart(n(2)); // n2 acked the leader's last heartbeat, then lost track of the leader
            c.isolate(1);
            c.node(3).campaign();
            c.stabilize();

            assertThat(c.node(3).role()).isNotEqualTo(Role.LEADER);
            assertThat(c.node(1).hasValidLease()).isTrue();
            c.propose(3, "y");
            c.node(1).read(7);
            c.stabilize();
            assertThat(c.appliedCommands(3)).doesNotContain("y");
        }

        @Test
        void restartedFollowerVotesAgainOnceAnElectionTimeoutHasPassed() {
            TestCluster c = TestCluster.of(3);
            c.elect(1);
            c.propose(1, "x");
            c.restart(n(2));
            c.isolate(1);
            c.tick(60); // longer than any lease n1 could hold
            assertThat(c.leader().id()).isIn(n(2), n(3));
        }
    }

    @Nested
    class LeaseAcrossALateVoteAnswer {

        @Test
        void followerInALeaseIgnoresALateVoteAnswerFromANewerTermAndSoTheVoteRequestThatFollows() {
            TestCluster c = TestCluster.of(3);
            c.elect(1);
            c.propose(1, "x");
            c.tick(1); // n3 acks n1's heartbeat: n1's lease counts on n3 for an election timeout
            RaftNode n3 = c.node(3);
            assertThat(n3.leader()).isEqualTo(n(1));
            assertThat(c.node(1).hasValidLease()).isTrue();

            // n2 is a candidate of term 2 and answers, late, a pre-vote n3 sent before it heard from
            // n1 again; then it asks n3 for its vote in term 2.
            n3.step(new VoteResponse(n(2), n(3), 2, true, false));
            n3.step(new VoteRequest(n(2), n(3), 2, n3.lastIndex(), n3.lastTerm(), false, false));

            assertThat(n3.hardState().votedFor()).isNotEqualTo(n(2));
            assertThat(n3.leader()).isEqualTo(n(1));
        }
    }
}
