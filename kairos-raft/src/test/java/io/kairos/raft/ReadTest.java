package io.kairos.raft;

import static io.kairos.raft.LoneNode.n;
import static org.assertj.core.api.Assertions.assertThat;

import io.kairos.raft.message.Heartbeat;
import io.kairos.raft.message.HeartbeatResponse;
import io.kairos.raft.message.Message;
import io.kairos.raft.message.ReadIndexRequest;
import io.kairos.raft.message.ReadIndexResponse;
import io.kairos.raft.message.VoteRequest;
import io.kairos.raft.message.VoteResponse;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ReadTest {

    private static Predicate<Message> heartbeatRoundWith(int follower) {
        return m -> (m instanceof Heartbeat && m.to().value() == follower)
                || (m instanceof HeartbeatResponse && m.from().value() == follower);
    }

    private static List<ReadState> reads(TestCluster c, int id) {
        return c.readStates.get(n(id));
    }

    @Nested
    @DisplayName("Thesis §6.4 Processing read-only queries more efficiently: ReadIndex")
    class ReadIndex {

        // Without check-quorum there is no lease: every read needs a heartbeat round.

        @Test
        void aReadIsReleasedOnlyOnceAQuorumAcknowledgesTheHeartbeatRoundSentAfterIt() {
            TestCluster c = TestCluster.of(5, b -> b.checkQuorum(false));
            c.elect(1);

            assertThat(c.node(1).read(7)).isEqualTo(new ReadResult.Queued());
            c.flush();
            assertThat(reads(c, 1)).isEmpty();
            assertThat(c.inFlight(Heartbeat.class)).hasSize(4);

            c.deliver(heartbeatRoundWith(2));
            assertThat(reads(c, 1)).isEmpty();

            c.deliver(heartbeatRoundWith(3));
            assertThat(reads(c, 1)).containsExactly(new ReadState(7, 1));

            c.stabilize();
            assertThat(reads(c, 1)).containsExactly(new ReadState(7, 1));
        }

        @Test
        void theReadIndexIsTheCommitIndexWhenTheReadArrived() {
            TestCluster c = TestCluster.of(3, b -> b.checkQuorum(false));
            c.elect(1);
            c.propose(1, "a");

            c.node(1).read(7);
            c.node(1).propose("b".getBytes());
            c.stabilize();

            assertThat(c.node(1).commitIndex()).isEqualTo(3);
            assertThat(reads(c, 1)).containsExactly(new ReadState(7, 2));
        }

        @Test
        void anAcknowledgementOfAnOlderRoundDoesNotReleaseANewerRead() {
            TestCluster c = TestCluster.of(3, b -> b.checkQuorum(false));
            c.elect(1);
            c.tickQuietly(1, 1);

            c.node(1).read(7);
            c.flush();
            // The answer to the round sent before the read arrives first.
            c.deliverOne(m -> m instanceof Heartbeat h && h.to().equals(n(2)) && h.sequence() == 2);
            c.deliverOne(m -> m instanceof HeartbeatResponse r && r.sequence() == 2);
            assertThat(reads(c, 1)).isEmpty();

            c.deliver(heartbeatRoundWith(2));
            assertThat(reads(c, 1)).containsExactly(new ReadState(7, 1));
        }

        @Test
        void aNewLeaderDefersReadsUntilItHasCommittedAnEntryOfItsTerm() {
            TestCluster c = TestCluster.empty(b -> b.checkQuorum(false));
            for (int id = 1; id <= 3; id++) {
                MemoryStorage s = LoneNode.storageWith(LoneNode.voters(3), 1, 1);
                s.setHardState(new HardState(1, null, 1));
                c.start(n(id), s);
            }
            c.node(1).campaign();
            c.deliver(m -> m instanceof VoteRequest || m instanceof VoteResponse);
            assertThat(c.node(1).role()).isEqualTo(Role.LEADER);
            assertThat(c.node(1).commitIndex()).isEqualTo(1);

            c.node(1).read(9);
            c.deliver(heartbeatRoundWith(2).or(heartbeatRoundWith(3)));
            assertThat(reads(c, 1)).isEmpty();

            c.stabilize();
            assertThat(c.node(1).commitIndex()).isEqualTo(3);
            assertThat(reads(c, 1)).containsExactly(new ReadState(9, 3));

            c.propose(1, "a");
            assertThat(reads(c, 1)).containsExactly(new ReadState(9, 3));
        }

        @Test
        void aFollowersReadIsForwardedToTheLeaderAndComesBackAsAReadState() {
            TestCluster c = TestCluster.of(3);
            c.elect(1);
            c.propose(1, "a");

            assertThat(c.node(2).read(5)).isEqualTo(new ReadResult.Queued());
            c.stabilize();

            assertThat(c.delivered(ReadIndexRequest.class, 2, 1)).containsExactly(new ReadIndexRequest(n(2), n(1), 1, 5));
            assertThat(c.delivered(ReadIndexResponse.class, 1, 2))
                    .containsExactly(new ReadIndexResponse(n(1), n(2), 1, 5, 2));
            assertThat(reads(c, 2)).containsExactly(new ReadState(5, 2));
            assertThat(reads(c, 1)).isEmpty();
        }

        @Test
        void aForwardedReadWithoutALeaseWaitsForTheHeartbeatRoundToo() {
            TestCluster c = TestCluster.of(3, b -> b.checkQuorum(false));
            c.elect(1);

            c.node(2).read(5);
            c.deliver(m -> m instanceof ReadIndexRequest);
            assertThat(c.inFlight(ReadIndexResponse.class)).isEmpty();

            c.stabilize();
            assertThat(reads(c, 2)).containsExactly(new ReadState(5, 1));
        }

        @Test
        void aNodeThatKnowsNoLeaderCannotRead() {
            TestCluster c = TestCluster.of(3);

            assertThat(c.node(2).read(5)).isEqualTo(new ReadResult.NotLeader(null));
            c.flush();
            assertThat(c.inFlight()).isEmpty();
        }

        @Test
        void aFollowerDropsAForwardedReadItCannotServe() {
            LoneNode follower = LoneNode.of(2, 3, 1);

            assertThat(follower.step(new ReadIndexRequest(n(3), n(2), 1, 5))).isEmpty();
        }

        @Test
        void aFollowerIgnoresAReadIndexFromANodeThatIsNotItsLeader() {
            LoneNode follower = LoneNode.of(2, 3, 1);

            follower.step(new ReadIndexResponse(n(3), n(2), 1, 5, 0));

            assertThat(follower.readStates).isEmpty();
        }

        @Test
        void aLoneVoterConfirmsAReadAtOnce() {
            LoneNode solo = LoneNode.of(1, 1, 0, b -> b.checkQuorum(false));
            solo.node.campaign();
            solo.drain();

            solo.node.read(3);
            solo.drain();

            assertThat(solo.readStates).containsExactly(new ReadState(3, 1));
        }
    }

    @Nested
    @DisplayName("Thesis §6.4.1 Using clocks to reduce messaging for read-only queries: leases")
    class Leases {

        @Test
        void aNewLeaderHoldsALeaseOnceItsFirstRoundIsAnsweredAndItsBlankEntryCommitted() {
            TestCluster c = TestCluster.of(3);

            c.elect(1);

            assertThat(c.node(1).hasValidLease()).isTrue();
        }

        @Test
        void whileTheLeaseHoldsAReadIsServedAtOnceWithoutAnyMessage() {
            TestCluster c = TestCluster.of(3);
            c.elect(1);
            c.tick(1);
            assertThat(c.node(1).hasValidLease()).isTrue();

            c.node(1).read(3);
            c.flush();

            assertThat(reads(c, 1)).containsExactly(new ReadState(3, 1));
            assertThat(c.inFlight()).isEmpty();
        }

        @Test
        void theLeaseEndsLeaseTicksAfterTheLastAcknowledgedRoundWasSent() {
            TestCluster c = TestCluster.of(3);
            c.elect(1);
            c.tick(1); // a round sent at tick 1 and acknowledged: the lease holds until tick 1 + 8
            c.isolate(2);
            c.isolate(3);

            c.tick(1, 7);
            assertThat(c.node(1).hasValidLease()).isTrue();
            c.node(1).read(1);
            c.flush();
            assertThat(reads(c, 1)).containsExactly(new ReadState(1, 1));

            c.tick(1, 1);
            assertThat(c.node(1).role()).isEqualTo(Role.LEADER);
            assertThat(c.node(1).hasValidLease()).isFalse();
            c.node(1).read(2);
            c.tick(1, 5);
            assertThat(reads(c, 1)).containsExactly(new ReadState(1, 1));
        }

        @Test
        void thereIsNoLeaseDuringALeadershipTransfer() {
            TestCluster c = TestCluster.of(3);
            c.elect(1);
            c.tick(1);
            c.isolate(3);

            c.node(1).transferLeadership(n(3));
            assertThat(c.node(1).hasValidLease()).isFalse();
            c.node(1).read(4);
            c.flush();
            assertThat(reads(c, 1)).isEmpty();

            c.stabilize();
            assertThat(reads(c, 1)).containsExactly(new ReadState(4, 1));
        }

        @Test
        void aLeaderWhoseTransferWasAbandonedServesNoLeaseReadTheTargetCouldContradict() {
            TestCluster c = TestCluster.of(3);
            c.elect(1);
            c.tick(1);
            c.node(1).transferLeadership(n(2));
            c.flush();
            assertThat(c.inFlight(io.kairos.raft.message.TimeoutNow.class)).hasSize(1);
            // The leader keeps hearing from its followers while the TimeoutNow is on its way.
            for (int t = 0; t < 4; t++) {
                c.tickQuietly(1, 1);
                c.deliver(heartbeatRoundWith(2).or(heartbeatRoundWith(3)));
            }
            // Node 2 takes over with node 3's vote; node 1 is cut off before it hears of it.
            c.deliverOne(m -> m instanceof io.kairos.raft.message.TimeoutNow);
            c.isolate(1);
            c.stabilize();
            assertThat(c.node(2).role()).isEqualTo(Role.LEADER);
            c.propose(2, "x");
            assertThat(c.node(2).commitIndex()).isEqualTo(3);

            // Node 1 abandons the transfer after an election timeout and still believes it leads.
            while (c.node(1).isTransferringLeadership()) {
                c.tick(1, 1);
            }
            assertThat(c.node(1).role()).isEqualTo(Role.LEADER);

            assertThat(c.node(1).hasValidLease()).isFalse();
            c.node(1).read(1);
            c.flush();
            assertThat(reads(c, 1)).isEmpty();
        }

        @Test
        void thereIsNoLeaseWithoutCheckQuorum() {
            TestCluster c = TestCluster.of(3, b -> b.checkQuorum(false));
            c.elect(1);
            c.tick(1);

            assertThat(c.node(1).hasValidLease()).isFalse();
        }

        @Test
        void thereIsNoLeaseBeforeTheLeaderCommitsAnEntryOfItsTerm() {
            TestCluster c = TestCluster.of(3);
            c.node(1).campaign();
            c.deliver(m -> m instanceof VoteRequest || m instanceof VoteResponse);
            c.deliver(heartbeatRoundWith(2).or(heartbeatRoundWith(3)));

            assertThat(c.node(1).hasValidLease()).isFalse();
            assertThat(c.node(2).hasValidLease()).isFalse();
        }

        @Test
        void aDeposedLeaderNeverHoldsALeaseOnceAnotherLeaderCanExist() {
            TestCluster c = TestCluster.of(3);
            c.elect(1);
            c.propose(1, "a");
            c.tick(1);
            c.isolate(1);

            RaftNode successor = null;
            int lastLeaseTick = -1;
            for (int t = 1; t <= 100 && successor == null; t++) {
                c.tick(1);
                if (c.node(1).hasValidLease()) {
                    lastLeaseTick = t;
                    c.node(1).read(t);
                }
                for (int id = 2; id <= 3; id++) {
                    if (c.node(id).role() == Role.LEADER) {
                        successor = c.node(id);
                        assertThat(c.node(1).hasValidLease()).as("old lease at tick %d", t).isFalse();
                    }
                }
            }
            assertThat(successor).isNotNull();
            assertThat(lastLeaseTick).isPositive();
            c.flush();
            // Every read the old leader served, it served before anyone else could lead.
            assertThat(reads(c, 1)).isNotEmpty().allMatch(r -> r.readIndex() == 2);

            c.propose(successor.id().value(), "b");
            assertThat(successor.commitIndex()).isEqualTo(4);
        }
    }
}
