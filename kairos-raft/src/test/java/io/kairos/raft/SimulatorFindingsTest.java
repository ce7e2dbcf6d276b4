package io.kairos.raft;

import static org.assertj.core.api.Assertions.assertThat;

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
}
