package io.kairos.raft;

import static io.kairos.raft.LoneNode.n;
import static io.kairos.raft.LoneNode.voters;
import static org.assertj.core.api.Assertions.assertThat;

import io.kairos.raft.message.AppendRequest;
import io.kairos.raft.message.AppendResponse;
import io.kairos.raft.message.Heartbeat;
import io.kairos.raft.message.HeartbeatResponse;
import io.kairos.raft.message.Message;
import io.kairos.raft.message.VoteRequest;
import io.kairos.raft.message.VoteResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ReplicationTest {

    private static Predicate<Message> appendTo(int to) {
        return m -> m instanceof AppendRequest && m.to().value() == to;
    }

    private static Predicate<Message> heartbeatRoundWith(int follower) {
        return m -> (m instanceof Heartbeat && m.to().value() == follower)
                || (m instanceof HeartbeatResponse && m.from().value() == follower);
    }

    private static Predicate<Message> between(int a, int b) {
        return m -> (m.from().value() == a && m.to().value() == b) || (m.from().value() == b && m.to().value() == a);
    }

    /** (prevIndex, number of entries) of each append, to compare batches at a glance. */
    private static List<String> shapes(List<AppendRequest> appends) {
        return appends.stream().map(a -> a.prevIndex() + "+" + a.entries().size()).toList();
    }

    /** The distinct rejections a follower sent (a heartbeat answer may let the leader repeat a probe). */
    private static List<AppendResponse> rejections(TestCluster c, int from, int to) {
        return c.delivered(AppendResponse.class, from, to).stream().filter(r -> !r.success()).distinct().toList();
    }

    private static final Predicate<Message> HEARTBEATS = m -> m instanceof Heartbeat || m instanceof HeartbeatResponse;

    /** Elects {@code id} and delivers everything but heartbeats, so that only appends drive replication. */
    private static void electWithoutHeartbeats(TestCluster c, int id) {
        c.node(id).campaign();
        c.deliver(HEARTBEATS.negate());
    }

    @Nested
    @DisplayName("§5.3 Log replication")
    class LogReplication {

        private static final long[] LEADER = {1, 1, 1, 4, 4, 5, 5, 6, 6, 6};
        private static final long[][] FOLLOWERS = {
            {1, 1, 1, 4, 4, 5, 5, 6, 6},            // (a) missing an entry
            {1, 1, 1, 4},                           // (b) missing many
            {1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 6},      // (c) an extra uncommitted entry
            {1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 7, 7},   // (d) extra entries of a later term
            {1, 1, 1, 4, 4, 4, 4},                  // (e) missing and extra entries
            {1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3},      // (f) a leader of terms 2 and 3 that never committed
        };

        /** Raft Figure 7: the leader of term 8 and followers a–f (nodes 2–7), everyone at term 7. */
        private TestCluster figure7() {
            TestCluster c = TestCluster.empty(b -> b);
            Membership seven = voters(7);
            MemoryStorage leader = LoneNode.storageWith(seven, LEADER);
            leader.setHardState(new HardState(7, null, 0));
            c.start(n(1), leader);
            for (int i = 0; i < FOLLOWERS.length; i++) {
                MemoryStorage s = LoneNode.storageWith(seven, FOLLOWERS[i]);
                s.setHardState(new HardState(7, null, 0));
                c.start(n(i + 2), s);
            }
            return c;
        }

        @Test
        void figure7EveryFollowerEndsWithTheLeadersLog() {
            TestCluster c = figure7();

            c.elect(1);

            assertThat(c.node(1).role()).isEqualTo(Role.LEADER);
            assertThat(c.node(1).term()).isEqualTo(8);
            List<Long> expected = new ArrayList<>(LoneNode.termList(LEADER));
            expected.add(8L);
            List<LogEntry> leaderLog = c.storage(1).entries(1, 12, Long.MAX_VALUE);
            c.tick(1); // the commit index reaches the last followers with the next heartbeat
            for (int id = 2; id <= 7; id++) {
                assertThat(c.terms(id, 1)).as("follower %s", (char) ('a' + id - 2)).isEqualTo(expected);
                assertThat(c.storage(id).entries(1, c.storage(id).lastIndex() + 1, Long.MAX_VALUE))
                        .isEqualTo(leaderLog);
                assertThat(c.node(id).commitIndex()).isEqualTo(11);
            }
        }

        @Test
        void figure7OnlyFollowersUpToDateEnoughGrantTheLeaderTheirVote() {
            TestCluster c = figure7();

            c.elect(1);

            for (int id = 2; id <= 7; id++) {
                List<VoteResponse> votes = c.delivered(VoteResponse.class, id, 1).stream().filter(v -> !v.preVote())
                        .toList();
                boolean upToDate = id != 4 && id != 5; // c and d hold logs more up to date than the leader's
                assertThat(votes).as("follower %s", (char) ('a' + id - 2))
                        .containsExactly(new VoteResponse(n(id), n(1), 8, false, upToDate));
            }
        }

        @Test
        void figure7TheFollowersHintLetsTheLeaderFindTheMatchInOneProbe() {
            TestCluster c = figure7();

            c.elect(1);

            assertThat(rejections(c, 2, 1)).containsExactly(AppendResponse.rejected(n(2), n(1), 8, 10, 9, 6));
            assertThat(rejections(c, 3, 1)).containsExactly(AppendResponse.rejected(n(3), n(1), 8, 10, 4, 4));
            assertThat(rejections(c, 4, 1)).isEmpty();
            assertThat(rejections(c, 5, 1)).isEmpty();
            assertThat(rejections(c, 6, 1)).containsExactly(AppendResponse.rejected(n(6), n(1), 8, 10, 7, 4));
            assertThat(rejections(c, 7, 1)).containsExactly(AppendResponse.rejected(n(7), n(1), 8, 10, 10, 3));
            // Follower f differs from the leader in eight entries; the second probe already matches.
            assertThat(c.delivered(AppendRequest.class, 1, 7).get(1).prevIndex()).isEqualTo(3);
            assertThat(c.delivered(AppendRequest.class, 1, 6).get(1).prevIndex()).isEqualTo(5);
        }

        @Test
        void backtrackingSkipsAWholeConflictingTermPerRoundTrip() {
            // The follower holds entries of terms 2 and 4 that the leader never had.
            TestCluster c = TestCluster.empty(b -> b);
            long[] leaderLog = {1, 3, 3, 3, 5, 5, 5};
            for (int id = 1; id <= 3; id++) {
                MemoryStorage s = LoneNode.storageWith(voters(3), id == 2 ? new long[] {1, 2, 2, 4, 4, 4, 4} : leaderLog);
                s.setHardState(new HardState(5, null, 1));
                c.start(n(id), s);
            }

            c.elect(1);

            assertThat(rejections(c, 2, 1)).containsExactly(
                    AppendResponse.rejected(n(2), n(1), 6, 7, 7, 4),
                    AppendResponse.rejected(n(2), n(1), 6, 4, 3, 2));
            assertThat(c.terms(2, 1)).containsExactly(1L, 3L, 3L, 3L, 5L, 5L, 5L, 6L);
        }

        @Test
        void aFollowerRefusesAnAppendThatDoesNotFollowItsLogAndHintsWhereToContinue() {
            LoneNode follower = LoneNode.of(2, 3, 3, 1, 1, 2, 2);

            List<Message> out = follower.step(new AppendRequest(n(1), n(2), 3, 6, 3, LoneNode.entries(7, 3), 0));

            assertThat(out).containsExactly(AppendResponse.rejected(n(2), n(1), 3, 6, 4, 2));
            assertThat(follower.terms()).containsExactly(1L, 1L, 2L, 2L);
            assertThat(follower.node.leader()).isEqualTo(n(1));
        }

        @Test
        void aFollowerReplacesAConflictingSuffixAndKeepsWhatMatches() {
            LoneNode follower = LoneNode.of(2, 3, 3, 1, 1, 2, 2);

            List<Message> out = follower.step(new AppendRequest(n(1), n(2), 3, 2, 1, LoneNode.entries(3, 3), 2));

            assertThat(out).containsExactly(AppendResponse.accepted(n(2), n(1), 3, 3));
            assertThat(follower.terms()).containsExactly(1L, 1L, 3L);
            assertThat(follower.node.commitIndex()).isEqualTo(2);
            assertThat(follower.storage.lastIndex()).isEqualTo(3);
        }

        @Test
        void aFollowerDoesNotTruncateOnAnAppendItAlreadyHolds() {
            LoneNode follower = LoneNode.of(2, 3, 3, 1, 1, 2, 2);

            List<Message> out = follower.step(new AppendRequest(n(1), n(2), 3, 1, 1, LoneNode.entries(2, 1), 0));

            assertThat(out).containsExactly(AppendResponse.accepted(n(2), n(1), 3, 2));
            assertThat(follower.terms()).containsExactly(1L, 1L, 2L, 2L);
        }

        @Test
        void aFollowerCommitsOnlyWhatTheAppendProvesItHolds() {
            LoneNode follower = LoneNode.of(2, 3, 3, 1, 1, 2, 2);

            follower.step(new AppendRequest(n(1), n(2), 3, 1, 1, List.of(), 4));

            assertThat(follower.node.commitIndex()).isEqualTo(1);
            assertThat(follower.applied).hasSize(1);
        }

        @Test
        void anAppendBelowTheCommitIndexIsAnsweredWithTheCommitIndex() {
            LoneNode follower = LoneNode.of(2, 3, 3, 1, 1, 2, 2);
            follower.step(new AppendRequest(n(1), n(2), 3, 4, 2, List.of(), 3));

            List<Message> out = follower.step(new AppendRequest(n(1), n(2), 3, 1, 1, LoneNode.entries(2, 3), 3));

            assertThat(out).containsExactly(AppendResponse.accepted(n(2), n(1), 3, 3));
            assertThat(follower.terms()).containsExactly(1L, 1L, 2L, 2L);
        }

        @Test
        void aHeartbeatAdvancesTheCommitIndexNoFurtherThanTheFollowersLog() {
            LoneNode follower = LoneNode.of(2, 3, 3, 1, 1, 2, 2);

            List<Message> out = follower.step(new Heartbeat(n(1), n(2), 3, 9, 5));

            assertThat(out).containsExactly(new HeartbeatResponse(n(2), n(1), 3, 5));
            assertThat(follower.node.commitIndex()).isEqualTo(4);
            assertThat(follower.node.leader()).isEqualTo(n(1));
            assertThat(follower.applied).extracting(LogEntry::index).containsExactly(1L, 2L, 3L, 4L);
        }

        @Test
        void theLeaderCapsTheCommitIndexInAHeartbeatAtWhatTheFollowerHolds() {
            TestCluster c = TestCluster.of(3);
            c.elect(1);
            c.isolate(3);
            c.propose(1, "a");
            c.rejoin(3);
            c.tickQuietly(1, 1);

            assertThat(c.inFlight(Heartbeat.class)).extracting(Heartbeat::to, Heartbeat::commitIndex)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(n(2), 2L),
                            org.assertj.core.groups.Tuple.tuple(n(3), 1L));
        }

        @Test
        void batchesCarryAtMostMaxEntriesPerMessage() {
            TestCluster c = leaderWithAnEmptyFollower(b -> b.maxEntriesPerMessage(2), 4, 0);

            electWithoutHeartbeats(c, 1);

            assertThat(shapes(c.delivered(AppendRequest.class, 1, 3))).containsExactly("4+1", "0+2", "2+2", "4+1");
            assertThat(c.terms(3, 1)).containsExactly(1L, 1L, 1L, 1L, 2L);
        }

        @Test
        void batchesCarryAtMostMaxBytesPerMessage() {
            // Four commands of 124 bytes each and the leader's 24-byte blank entry.
            TestCluster c = leaderWithAnEmptyFollower(b -> b.maxBytesPerMessage(300), 4, 100);

            electWithoutHeartbeats(c, 1);

            assertThat(shapes(c.delivered(AppendRequest.class, 1, 3))).containsExactly("4+1", "0+2", "2+3");
            assertThat(c.terms(3, 1)).containsExactly(1L, 1L, 1L, 1L, 2L);
        }

        @Test
        void anEntryLargerThanMaxBytesPerMessageStillTravelsAlone() {
            TestCluster c = leaderWithAnEmptyFollower(b -> b.maxBytesPerMessage(10), 3, 100);

            electWithoutHeartbeats(c, 1);

            assertThat(shapes(c.delivered(AppendRequest.class, 1, 3))).containsExactly("3+1", "0+1", "1+1", "2+1", "3+1");
            assertThat(c.node(3).lastIndex()).isEqualTo(4);
        }

        /** Nodes 1 and 2 hold {@code entries} commands of term 1; node 3 holds nothing; node 1 is elected in term 2. */
        private TestCluster leaderWithAnEmptyFollower(java.util.function.UnaryOperator<RaftConfig.Builder> tuning,
                int entries, int payloadBytes) {
            TestCluster c = TestCluster.empty(tuning);
            List<LogEntry> log = new ArrayList<>();
            for (int i = 1; i <= entries; i++) {
                log.add(new LogEntry.Command(i, 1, new byte[payloadBytes]));
            }
            for (int id = 1; id <= 3; id++) {
                MemoryStorage s = MemoryStorage.bootstrap(voters(3));
                if (id != 3) {
                    s.append(log);
                }
                s.setHardState(new HardState(1, null, 0));
                c.start(n(id), s);
            }
            return c;
        }

        @Test
        void inReplicateStateTheLeaderPipelinesAppendsUpToTheInflightWindow() {
            TestCluster c = TestCluster.of(3, b -> b.maxInflightMessages(3));
            c.elect(1);
            assertThat(c.progress(1, 2).state()).isEqualTo(Progress.State.REPLICATE);

            for (int i = 0; i < 5; i++) {
                assertThat(c.node(1).propose(("p" + i).getBytes())).isInstanceOf(ProposeResult.Accepted.class);
            }
            c.flush();

            assertThat(shapes(c.inFlight(AppendRequest.class).stream().filter(appendTo(2)::test).toList()))
                    .containsExactly("1+1", "2+1", "3+1");
            assertThat(c.progress(1, 2).isPaused()).isTrue();
        }

        @Test
        void aFullWindowResumesOneAppendPerAcknowledgement() {
            TestCluster c = TestCluster.of(3, b -> b.maxInflightMessages(3));
            c.elect(1);
            for (int i = 0; i < 5; i++) {
                c.node(1).propose(("p" + i).getBytes());
            }
            c.flush();

            c.deliverOne(appendTo(2));
            c.deliverOne(m -> m instanceof AppendResponse && m.from().value() == 2);

            assertThat(shapes(c.inFlight(AppendRequest.class).stream().filter(appendTo(2)::test).toList()))
                    .containsExactly("2+1", "3+1", "4+2");

            c.stabilize();
            assertThat(c.node(2).lastIndex()).isEqualTo(6);
            assertThat(c.node(1).commitIndex()).isEqualTo(6);
        }

        @Test
        void onceAProbeIsAnsweredTheLeaderStreamsEveryRemainingBatchAtOnce() {
            TestCluster c = leaderWithAnEmptyFollower(b -> b.maxEntriesPerMessage(1), 4, 0);
            Predicate<Message> answerFrom3 = m -> m instanceof AppendResponse && m.from().equals(n(3));
            c.node(1).campaign();
            c.deliver(HEARTBEATS.negate().and(appendTo(3).negate()).and(answerFrom3.negate()));
            // Node 3 refuses the first probe, accepts the second (entry 1), and the leader learns it.
            c.deliverOne(appendTo(3));
            c.deliverOne(answerFrom3);
            c.deliverOne(appendTo(3));
            c.deliverOne(answerFrom3);

            assertThat(shapes(c.inFlight(AppendRequest.class).stream().filter(appendTo(3)::test).toList()))
                    .containsExactly("1+1", "2+1", "3+1", "4+1");
        }

        @Test
        void anIdleCaughtUpFollowerGetsHeartbeatsOnly() {
            TestCluster c = TestCluster.of(3);
            c.elect(1);
            c.propose(1, "a");
            c.tick(1);
            c.clearDelivered();

            c.tick(5);

            assertThat(c.delivered.stream().filter(m -> m instanceof AppendRequest)).isEmpty();
            assertThat(c.delivered(Heartbeat.class, 1, 2)).hasSize(5);
            assertThat(c.node(1).leaderState.roundSentAt.size()).isLessThanOrEqualTo(2);
        }

        @Test
        void inProbeStateTheLeaderSendsOneAppendAndWaits() {
            TestCluster c = TestCluster.of(3);
            c.node(1).campaign();
            c.deliver(m -> m instanceof VoteRequest || m instanceof VoteResponse);
            assertThat(c.node(1).role()).isEqualTo(Role.LEADER);
            assertThat(c.progress(1, 2).state()).isEqualTo(Progress.State.PROBE);

            for (int i = 0; i < 3; i++) {
                c.node(1).propose(("p" + i).getBytes());
            }
            c.flush();

            assertThat(shapes(c.inFlight(AppendRequest.class).stream().filter(appendTo(2)::test).toList()))
                    .containsExactly("0+1");
        }

        @Test
        void inProbeStateAHeartbeatAnswerAllowsTheNextProbe() {
            TestCluster c = TestCluster.of(3);
            c.node(1).campaign();
            c.deliver(m -> m instanceof VoteRequest || m instanceof VoteResponse);
            for (int i = 0; i < 3; i++) {
                c.node(1).propose(("p" + i).getBytes());
            }
            c.flush();

            c.deliver(m -> (m instanceof Heartbeat || m instanceof HeartbeatResponse) && between(1, 2).test(m));

            assertThat(shapes(c.inFlight(AppendRequest.class).stream().filter(appendTo(2)::test).toList()))
                    .containsExactly("0+1", "0+4");
            c.stabilize();
            assertThat(c.progress(1, 2).state()).isEqualTo(Progress.State.REPLICATE);
            assertThat(c.node(2).lastIndex()).isEqualTo(4);
        }

        @Test
        void aFollowerWhoseAppendsWereLostCatchesUpWithoutNewProposals() {
            TestCluster c = TestCluster.of(3);
            c.elect(1);
            c.isolate(3);
            c.propose(1, "a");
            c.propose(1, "b");
            c.rejoin(3);

            c.tick(3);

            assertThat(c.node(3).lastIndex()).isEqualTo(3);
            assertThat(c.appliedCommands(3)).containsExactly("a", "b");
        }

        @Test
        void aRejectionInReplicateStateFallsBackToProbing() {
            TestCluster c = TestCluster.of(3);
            c.elect(1);
            c.isolate(3);
            c.propose(1, "a");
            c.rejoin(3);
            assertThat(c.progress(1, 3).state()).isEqualTo(Progress.State.REPLICATE);

            c.tickQuietly(1, 1);
            c.deliver(heartbeatRoundWith(3));
            c.deliverOne(appendTo(3));
            c.deliverOne(m -> m instanceof AppendResponse && m.from().equals(n(3)));

            assertThat(c.progress(1, 3).state()).isEqualTo(Progress.State.PROBE);
            assertThat(shapes(c.inFlight(AppendRequest.class).stream().filter(appendTo(3)::test).toList()))
                    .containsExactly("1+1");
        }

        @Test
        void aFollowerWhoseWholeInflightWindowWasLostCatchesUp() {
            TestCluster c = TestCluster.of(3, b -> b.maxInflightMessages(2));
            c.elect(1);
            c.isolate(3);
            for (String command : List.of("a", "b", "c", "d")) {
                c.propose(1, command);
            }
            c.rejoin(3);

            c.tick(5);

            assertThat(c.node(3).lastIndex()).isEqualTo(5);
            assertThat(c.appliedCommands(3)).containsExactly("a", "b", "c", "d");
        }
    }

    @Nested
    @DisplayName("§5.4.2 Committing entries from previous terms")
    class CommitRule {

        /**
         * Raft Figure 8 (c): S1, leader of term 4, has replicated its term-2 entry at index 2 on a
         * majority (S1–S4) but none of its own term's entries. S5 holds index 2 from term 3.
         */
        private TestCluster figure8c() {
            TestCluster c = TestCluster.empty(b -> b.preVote(false).checkQuorum(false).maxEntriesPerMessage(1));
            long[][] logs = {{1, 2}, {1, 2}, {1}, {1}, {1, 3}};
            long[] terms = {3, 2, 3, 3, 3};
            for (int i = 0; i < 5; i++) {
                MemoryStorage s = LoneNode.storageWith(voters(5), logs[i]);
                s.setHardState(new HardState(terms[i], null, 1));
                c.start(n(i + 1), s);
            }
            c.isolate(5);
            c.node(1).campaign();
            c.deliver(m -> m instanceof VoteRequest || m instanceof VoteResponse);
            assertThat(c.node(1).role()).isEqualTo(Role.LEADER);
            assertThat(c.node(1).term()).isEqualTo(4);
            // Every entry of term 4 is lost from now on; S2's first append too.
            c.drop(m -> m instanceof AppendRequest a && a.entries().stream().anyMatch(e -> e.term() == 4));
            c.discard(appendTo(2));
            c.stabilize();
            return c;
        }

        @Test
        void anEntryOfAnEarlierTermOnAMajorityIsNotCommittedByCounting() {
            TestCluster c = figure8c();

            assertThat(c.node(1).matchIndexOf(n(3))).isEqualTo(2);
            assertThat(c.node(1).matchIndexOf(n(4))).isEqualTo(2);
            for (int id = 1; id <= 4; id++) {
                assertThat(c.node(id).termAt(2)).isEqualTo(2);
                assertThat(c.node(id).commitIndex()).isEqualTo(1);
            }
        }

        @Test
        void figure8dWhichIsWhyALaterLeaderMayStillOverwriteIt() {
            TestCluster c = figure8c();
            c.isolate(1);
            c.drop(m -> false);
            c.rejoin(5);

            c.elect(5);   // refused in term 4: everyone voted for S1
            c.elect(5);   // term 5

            assertThat(c.node(5).role()).isEqualTo(Role.LEADER);
            assertThat(c.node(5).term()).isEqualTo(5);
            for (int id = 2; id <= 5; id++) {
                assertThat(c.terms(id, 1)).containsExactly(1L, 3L, 5L);
                assertThat(c.node(id).commitIndex()).isEqualTo(3);
                assertThat(c.appliedCommands(id)).containsExactly("1@1", "2@3");
            }
            assertThat(c.appliedCommands(1)).containsExactly("1@1");
        }

        @Test
        void figure8eOnceAnEntryOfTheLeadersTermIsOnAMajorityBothCommit() {
            TestCluster c = figure8c();
            c.drop(m -> false);

            c.propose(1, "x");

            assertThat(c.node(1).commitIndex()).isEqualTo(4);
            assertThat(c.appliedCommands(1)).containsExactly("1@1", "2@2", "x");

            c.isolate(1);
            c.rejoin(5);
            c.elect(5);
            c.elect(5);
            assertThat(c.node(5).role()).isNotEqualTo(Role.LEADER);
            for (int id = 2; id <= 4; id++) {
                assertThat(c.node(id).termAt(2)).isEqualTo(2);
            }
        }
    }

    @Nested
    @DisplayName("Client interaction (§8): back-pressure and redirects")
    class BackPressure {

        @Test
        void proposalsBeyondMaxUncommittedEntriesAreBusy() {
            TestCluster c = TestCluster.of(3, b -> b.maxUncommittedEntries(3));
            c.elect(1);
            c.isolate(2);
            c.isolate(3);

            assertThat(c.propose(1, "a")).isEqualTo(new ProposeResult.Accepted(2, 1));
            assertThat(c.propose(1, "b")).isEqualTo(new ProposeResult.Accepted(3, 1));
            assertThat(c.propose(1, "c")).isEqualTo(new ProposeResult.Accepted(4, 1));
            assertThat(c.propose(1, "d")).isInstanceOf(ProposeResult.Busy.class);
            assertThat(c.node(1).lastIndex()).isEqualTo(4);

            c.heal();
            c.tick(3);

            assertThat(c.node(1).commitIndex()).isEqualTo(4);
            assertThat(c.propose(1, "e")).isEqualTo(new ProposeResult.Accepted(5, 1));
        }

        @Test
        void aFollowerRefusesProposalsAndNamesTheLeader() {
            TestCluster c = TestCluster.of(3);
            c.elect(1);

            assertThat(c.propose(2, "a")).isEqualTo(new ProposeResult.NotLeader(n(1)));
            assertThat(c.node(2).lastIndex()).isEqualTo(1);
        }

        @Test
        void aNodeThatKnowsNoLeaderRefusesProposalsWithoutAHint() {
            TestCluster c = TestCluster.of(3);

            assertThat(c.propose(2, "a")).isEqualTo(new ProposeResult.NotLeader(null));
        }

        @Test
        void aLeaderAppendsProposalsInItsTermAndEveryNodeAppliesThemInOrder() {
            TestCluster c = TestCluster.of(3);
            c.elect(1);

            assertThat(c.propose(1, "a")).isEqualTo(new ProposeResult.Accepted(2, 1));
            assertThat(c.propose(1, "b")).isEqualTo(new ProposeResult.Accepted(3, 1));
            c.tick(1);

            for (int id = 1; id <= 3; id++) {
                assertThat(c.appliedCommands(id)).containsExactly("a", "b");
                assertThat(c.node(id).commitIndex()).isEqualTo(3);
                assertThat(c.node(id).appliedIndex()).isEqualTo(3);
            }
        }
    }
}
