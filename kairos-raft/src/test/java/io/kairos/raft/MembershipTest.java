package io.kairos.raft;

import static io.kairos.raft.LoneNode.n;
import static io.kairos.raft.LoneNode.voters;
import static org.assertj.core.api.Assertions.assertThat;

import io.kairos.raft.message.VoteRequest;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MembershipTest {

    private static final Set<NodeId> ONE_TWO_THREE = Set.of(n(1), n(2), n(3));

    /** Voters 1–3 with node 1 leading, and node 4 started knowing only the initial configuration. */
    private static TestCluster threeAndANewcomer(UnaryOperator<RaftConfig.Builder> tuning) {
        TestCluster c = TestCluster.of(3, tuning);
        c.start(n(4), MemoryStorage.bootstrap(voters(3)));
        c.elect(1);
        return c;
    }

    /** As {@link #threeAndANewcomer}, with node 4 added as a learner and caught up. */
    private static TestCluster threeAndALearner(UnaryOperator<RaftConfig.Builder> tuning) {
        TestCluster c = threeAndANewcomer(tuning);
        assertThat(c.node(1).proposeMembership(ONE_TWO_THREE, Set.of(n(4)))).isEqualTo(new ProposeResult.Accepted(2, 1));
        c.stabilize();
        c.tick(1);
        return c;
    }

    private static List<Membership> configsApplied(TestCluster c, int id) {
        return c.applied.get(n(id)).stream().filter(e -> e instanceof LogEntry.Config)
                .map(e -> ((LogEntry.Config) e).membership()).toList();
    }

    @Nested
    @DisplayName("Thesis §4.2.1 Catching up new servers: learners")
    class Learners {

        @Test
        void aLearnerReceivesAndAppliesTheLog() {
            TestCluster c = threeAndANewcomer(b -> b);
            c.propose(1, "a");

            c.node(1).proposeMembership(ONE_TWO_THREE, Set.of(n(4)));
            c.stabilize();
            c.propose(1, "b");
            c.tick(1);

            for (int id = 1; id <= 4; id++) {
                assertThat(c.node(id).membership()).isEqualTo(new Membership(ONE_TWO_THREE, Set.of(), Set.of(n(4))));
            }
            assertThat(c.appliedCommands(4)).containsExactly("a", "b");
            assertThat(c.node(4).commitIndex()).isEqualTo(4);
        }

        @Test
        void aLearnerNeverCampaigns() {
            TestCluster c = threeAndALearner(b -> b);
            c.isolate(4);

            c.tick(4, 100);

            assertThat(c.node(4).role()).isEqualTo(Role.FOLLOWER);
            assertThat(c.node(4).term()).isEqualTo(1);
            assertThat(c.sent.stream().filter(m -> m.from().equals(n(4)) && m instanceof VoteRequest)).isEmpty();
        }

        @Test
        void aLearnerIsNeverAskedForItsVote() {
            TestCluster c = threeAndALearner(b -> b);
            c.isolate(1);

            c.tick(60);

            RaftNode leader = c.leader();
            assertThat(leader).isNotNull();
            assertThat(leader.id()).isIn(n(2), n(3));
            assertThat(c.sent.stream().filter(m -> m.to().equals(n(4)) && m instanceof VoteRequest)).isEmpty();
            assertThat(c.node(4).leader()).isEqualTo(leader.id());
        }

        @Test
        void aLearnerDoesNotCountTowardsCommit() {
            TestCluster c = threeAndALearner(b -> b);
            c.isolate(2);
            c.isolate(3);
            long commit = c.node(1).commitIndex();

            c.propose(1, "x");

            assertThat(c.node(1).matchIndexOf(n(4))).isEqualTo(c.node(1).lastIndex());
            assertThat(c.node(1).commitIndex()).isEqualTo(commit);
        }

        @Test
        void aLaggingLearnerCannotBePromotedUntilItHasCaughtUp() {
            TestCluster c = threeAndALearner(b -> b.maxEntriesPerMessage(2));
            c.isolate(4);
            for (int i = 0; i < 5; i++) {
                c.propose(1, "c" + i);
            }

            ProposeResult early = c.node(1).proposeMembership(Set.of(n(1), n(2), n(3), n(4)), Set.of());
            assertThat(early).isInstanceOf(ProposeResult.Refused.class);
            assertThat(((ProposeResult.Refused) early).reason()).contains("behind");

            c.rejoin(4);
            c.tick(3);
            assertThat(c.node(1).proposeMembership(Set.of(n(1), n(2), n(3), n(4)), Set.of()))
                    .isInstanceOf(ProposeResult.Accepted.class);
        }

        @Test
        void aLearnerOneBatchBehindMayBePromoted() {
            TestCluster c = threeAndALearner(b -> b.maxEntriesPerMessage(2));
            c.isolate(4);
            c.propose(1, "c1");
            c.propose(1, "c2");

            assertThat(c.node(1).proposeMembership(Set.of(n(1), n(2), n(3), n(4)), Set.of()))
                    .isInstanceOf(ProposeResult.Accepted.class);
        }

        @Test
        void aNodeThatIsNotALearnerCannotBecomeAVoter() {
            TestCluster c = threeAndANewcomer(b -> b);

            ProposeResult refused = c.node(1).proposeMembership(Set.of(n(1), n(2), n(3), n(4)), Set.of());
            assertThat(refused).isInstanceOf(ProposeResult.Refused.class);
            assertThat(((ProposeResult.Refused) refused).reason()).contains("n4").contains("learner");
            assertThat(c.node(1).lastIndex()).isEqualTo(1);
        }
    }

    @Nested
    @DisplayName("§6 Cluster membership changes: joint consensus")
    class JointConsensus {

        @Test
        void promotingALearnerEntersTheJointConfigurationAndLeavesItAutomatically() {
            TestCluster c = threeAndALearner(b -> b);
            Set<NodeId> four = Set.of(n(1), n(2), n(3), n(4));

            assertThat(c.node(1).proposeMembership(four, Set.of())).isEqualTo(new ProposeResult.Accepted(3, 1));
            c.stabilize();
            c.tick(1);

            Membership joint = new Membership(four, ONE_TWO_THREE, Set.of());
            Membership last = new Membership(four, Set.of(), Set.of());
            for (int id = 1; id <= 4; id++) {
                assertThat(configsApplied(c, id)).as("n%d", id).endsWith(joint, last);
                assertThat(c.node(id).membership()).isEqualTo(last);
            }
            assertThat(c.node(1).lastIndex()).isEqualTo(4);
        }

        @Test
        void whileJointACommitNeedsAMajorityOfBothConfigurations() {
            TestCluster c = threeAndALearner(b -> b);
            // Replace voter 3 by learner 4: joint voters {1,2,4} & {1,2,3}.
            c.node(1).proposeMembership(Set.of(n(1), n(2), n(4)), Set.of());
            c.deliverUntil(() -> c.node(1).membership().isJoint());
            c.isolate(2);
            c.isolate(3);
            c.stabilize();

            long joint = c.node(1).commitIndex();
            c.propose(1, "x");
            // 1 and 4 are a majority of {1,2,4} but not of {1,2,3}.
            assertThat(c.node(1).matchIndexOf(n(4))).isEqualTo(c.node(1).lastIndex());
            assertThat(c.node(1).commitIndex()).isEqualTo(joint);
            assertThat(c.node(1).membership().isJoint()).isTrue();

            c.rejoin(3);
            c.tick(2);

            // 1 and 3 complete the old majority, 1 and 4 the new: the leave entry and x commit.
            assertThat(c.node(1).commitIndex()).isEqualTo(c.node(1).lastIndex());
            assertThat(c.node(1).membership()).isEqualTo(new Membership(Set.of(n(1), n(2), n(4)), Set.of(), Set.of()));
            assertThat(c.appliedCommands(1)).containsExactly("x");
        }

        @Test
        void whileJointTheNewMajorityAloneCommitsNothing() {
            TestCluster c = threeAndALearner(b -> b);
            c.node(1).proposeMembership(Set.of(n(1), n(2), n(4)), Set.of());
            c.deliverUntil(() -> c.node(1).membership().isJoint());
            c.isolate(2);
            c.isolate(4);
            c.stabilize();
            long joint = c.node(1).commitIndex();

            c.propose(1, "x");

            // 1 and 3 are a majority of {1,2,3} but not of {1,2,4}.
            assertThat(c.node(1).matchIndexOf(n(3))).isEqualTo(c.node(1).lastIndex());
            assertThat(c.node(1).commitIndex()).isEqualTo(joint);
        }

        @Test
        void aRemovedFollowerIsNoLongerReplicatedTo() {
            TestCluster c = TestCluster.of(3);
            c.elect(1);

            assertThat(c.node(1).proposeMembership(Set.of(n(1), n(2)), Set.of())).isInstanceOf(ProposeResult.Accepted.class);
            c.stabilize();

            Membership two = new Membership(Set.of(n(1), n(2)), Set.of(), Set.of());
            assertThat(c.node(1).membership()).isEqualTo(two);
            assertThat(c.node(1).matchIndexOf(n(3))).isEqualTo(-1);
            c.isolate(3);
            c.propose(1, "x");
            assertThat(c.node(1).commitIndex()).isEqualTo(c.node(1).lastIndex());
            assertThat(c.appliedCommands(2)).containsExactly("x");
            assertThat(c.appliedCommands(3)).isEmpty();
        }

        @Test
        void aRemovedLeaderLeadsThroughTheJointPhaseWithoutCountingItselfThenStepsDown() {
            TestCluster c = TestCluster.of(3);
            c.elect(1);
            c.node(1).proposeMembership(Set.of(n(2), n(3)), Set.of());
            c.deliverUntil(() -> c.node(1).membership().isJoint());
            c.isolate(3);
            c.stabilize();
            c.tick(1, 3);

            // Node 2 holds the leave entry, but without node 3 it is no majority of {2,3}.
            assertThat(c.node(1).role()).isEqualTo(Role.LEADER);
            assertThat(c.node(1).matchIndexOf(n(2))).isEqualTo(c.node(1).lastIndex());
            assertThat(c.node(1).commitIndex()).isLessThan(c.node(1).lastIndex());

            c.rejoin(3);
            c.tick(1);

            assertThat(c.node(1).role()).isEqualTo(Role.FOLLOWER);
            assertThat(c.node(1).membership()).isEqualTo(new Membership(Set.of(n(2), n(3)), Set.of(), Set.of()));
            int sentBy1 = c.sent(VoteRequest.class, 1, 2).size();

            c.tick(40);

            RaftNode leader = c.leader();
            assertThat(leader).isNotNull();
            assertThat(leader.id()).isIn(n(2), n(3));
            assertThat(leader.term()).isEqualTo(2);
            assertThat(c.node(1).role()).isEqualTo(Role.FOLLOWER);
            assertThat(c.sent(VoteRequest.class, 1, 2)).hasSize(sentBy1);
            c.propose(leader.id().value(), "y");
            assertThat(leader.commitIndex()).isEqualTo(leader.lastIndex());
        }

        @Test
        void onlyOneChangeRunsAtATime() {
            TestCluster c = threeAndANewcomer(b -> b);
            c.start(n(5), MemoryStorage.bootstrap(voters(3)));

            assertThat(c.node(1).proposeMembership(ONE_TWO_THREE, Set.of(n(4)))).isInstanceOf(ProposeResult.Accepted.class);
            assertThat(c.node(1).proposeMembership(ONE_TWO_THREE, Set.of(n(4), n(5)))).isInstanceOf(ProposeResult.Busy.class);
            c.stabilize();
            assertThat(c.node(1).proposeMembership(ONE_TWO_THREE, Set.of(n(4), n(5)))).isInstanceOf(ProposeResult.Accepted.class);
        }

        @Test
        void noChangeStartsWhileTheJointConfigurationIsInForce() {
            TestCluster c = threeAndALearner(b -> b);
            c.node(1).proposeMembership(Set.of(n(1), n(2), n(3), n(4)), Set.of());
            c.deliverUntil(() -> c.node(1).membership().isJoint());

            assertThat(c.node(1).proposeMembership(Set.of(n(1), n(2), n(3)), Set.of())).isInstanceOf(ProposeResult.Busy.class);
        }

        @Test
        void aVoterCannotBeDemotedToLearnerDirectly() {
            TestCluster c = TestCluster.of(3);
            c.elect(1);

            assertThat(c.node(1).proposeMembership(Set.of(n(1), n(2)), Set.of(n(3)))).isInstanceOf(ProposeResult.Refused.class);
            assertThat(c.node(1).lastIndex()).isEqualTo(1);
        }

        @Test
        void invalidOrEmptyChangesAreRefused() {
            TestCluster c = TestCluster.of(3);
            c.elect(1);

            assertThat(c.node(1).proposeMembership(ONE_TWO_THREE, Set.of())).isInstanceOf(ProposeResult.Refused.class);
            assertThat(c.node(1).proposeMembership(ONE_TWO_THREE, Set.of(n(3)))).isInstanceOf(ProposeResult.Refused.class);
            assertThat(c.node(1).proposeMembership(Set.of(), Set.of())).isInstanceOf(ProposeResult.Refused.class);
            assertThat(c.node(2).proposeMembership(ONE_TWO_THREE, Set.of(n(4)))).isEqualTo(new ProposeResult.NotLeader(n(1)));
            assertThat(c.node(1).lastIndex()).isEqualTo(1);
        }

        @Test
        void aConfigurationTakesEffectOnlyOnceItIsCommitted() {
            TestCluster c = threeAndANewcomer(b -> b);
            c.node(1).proposeMembership(ONE_TWO_THREE, Set.of(n(4)));
            c.deliver(m -> m.to().equals(n(2)) && m instanceof io.kairos.raft.message.AppendRequest);

            assertThat(c.node(2).lastIndex()).isEqualTo(2);
            assertThat(c.node(2).membership()).isEqualTo(voters(3));
            assertThat(c.node(1).membership()).isEqualTo(voters(3));
        }

        @Test
        void aNewLeaderChangesNothingBeforeItCommitsAnEntryOfItsTerm() {
            TestCluster c = TestCluster.of(3);
            c.start(n(4), MemoryStorage.bootstrap(voters(3)));
            c.node(1).campaign();
            c.deliver(m -> m instanceof VoteRequest || m instanceof io.kairos.raft.message.VoteResponse);
            assertThat(c.node(1).role()).isEqualTo(Role.LEADER);

            assertThat(c.node(1).proposeMembership(ONE_TWO_THREE, Set.of(n(4)))).isInstanceOf(ProposeResult.Busy.class);
            c.stabilize();
            assertThat(c.node(1).proposeMembership(ONE_TWO_THREE, Set.of(n(4)))).isInstanceOf(ProposeResult.Accepted.class);
        }

        @Test
        void aRestartedNodeActsOnTheLastCommittedConfigurationInItsLog() {
            TestCluster c = threeAndALearner(b -> b);
            Membership withLearner = c.node(2).membership();

            RaftNode restarted = c.restart(n(2));

            assertThat(restarted.membership()).isEqualTo(withLearner).isNotEqualTo(voters(3));
        }

        @Test
        void aFollowerLearningACommitFromAHeartbeatSwitchesConfiguration() {
            LoneNode follower = LoneNode.of(2, 3, 1);
            Membership next = new Membership(ONE_TWO_THREE, Set.of(), Set.of(n(4)));
            follower.step(new io.kairos.raft.message.AppendRequest(n(1), n(2), 1, 0, 0,
                    List.of(new LogEntry.Config(1, 1, next)), 0));
            assertThat(follower.node.membership()).isEqualTo(voters(3));

            follower.step(new io.kairos.raft.message.Heartbeat(n(1), n(2), 1, 1, 1));

            assertThat(follower.node.membership()).isEqualTo(next);
        }

        @Test
        void aFollowerLearningACommitFromASnapshotItAlreadyHoldsSwitchesConfiguration() {
            LoneNode follower = LoneNode.of(2, 3, 1);
            Membership next = new Membership(ONE_TWO_THREE, Set.of(), Set.of(n(4)));
            follower.step(new io.kairos.raft.message.AppendRequest(n(1), n(2), 1, 0, 0,
                    List.of(new LogEntry.Config(1, 1, next)), 0));

            follower.step(new io.kairos.raft.message.InstallSnapshot(n(1), n(2), 1,
                    new Snapshot(new SnapshotMeta(1, 1, next), () -> 0)));

            assertThat(follower.node.membership()).isEqualTo(next);
            assertThat(follower.node.commitIndex()).isEqualTo(1);
        }

        @Test
        void aNewLeaderFinishesAJointChangeItsPredecessorStarted() {
            TestCluster c = threeAndALearner(b -> b);
            Set<NodeId> four = Set.of(n(1), n(2), n(3), n(4));
            c.node(1).proposeMembership(four, Set.of());
            c.deliverUntil(() -> c.node(2).membership().isJoint() && c.node(3).membership().isJoint());
            c.isolate(1);
            c.stabilize();

            c.tick(60);

            RaftNode leader = c.leader();
            assertThat(leader).isNotNull();
            assertThat(leader.id()).isNotEqualTo(n(1));
            assertThat(leader.membership()).isEqualTo(new Membership(four, Set.of(), Set.of()));
        }
    }
}
