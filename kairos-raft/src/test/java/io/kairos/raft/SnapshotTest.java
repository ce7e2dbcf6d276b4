package io.kairos.raft;

import static io.kairos.raft.LoneNode.n;
import static io.kairos.raft.LoneNode.voters;
import static org.assertj.core.api.Assertions.assertThat;

import io.kairos.raft.message.AppendResponse;
import io.kairos.raft.message.InstallSnapshot;
import io.kairos.raft.message.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SnapshotTest {

    /** Node 3 missed six commands while the leader compacted its log up to index 5. */
    private static TestCluster leaderCompactedPastFollower3() {
        TestCluster c = TestCluster.of(3);
        c.elect(1);
        c.isolate(3);
        for (int i = 1; i <= 6; i++) {
            c.propose(1, "c" + i);
        }
        c.compact(1, 5);
        c.rejoin(3);
        return c;
    }

    private static Snapshot snapshot(long index, long term, Membership membership) {
        return new Snapshot(new SnapshotMeta(index, term, membership), () -> index);
    }

    @Nested
    @DisplayName("§7 Log compaction: InstallSnapshot")
    class LogCompaction {

        @Test
        void aFollowerBehindTheCompactedLogIsSentTheSnapshot() {
            TestCluster c = leaderCompactedPastFollower3();

            c.tickQuietly(1, 1);
            c.deliverUntil(() -> c.progress(1, 3).state() == Progress.State.SNAPSHOT);

            assertThat(c.progress(1, 3).pendingSnapshot()).isEqualTo(5);
            c.flush();
            assertThat(c.inFlight(InstallSnapshot.class)).hasSize(1).allSatisfy(s -> {
                assertThat(s.to()).isEqualTo(n(3));
                assertThat(s.snapshot().index()).isEqualTo(5);
                assertThat(s.snapshot().term()).isEqualTo(1);
                assertThat(s.snapshot().meta().membership()).isEqualTo(voters(3));
            });
        }

        @Test
        void aFollowerThatInstallsTheSnapshotEndsWithTheLeadersState() {
            TestCluster c = leaderCompactedPastFollower3();

            c.tick(2);

            assertThat(c.storage(3).snapshot().index()).isEqualTo(5);
            assertThat(c.node(3).commitIndex()).isEqualTo(7);
            assertThat(c.node(3).appliedIndex()).isEqualTo(7);
            assertThat(c.node(3).lastIndex()).isEqualTo(7);
            assertThat(c.terms(3, 5)).isEqualTo(c.terms(1, 5));
            assertThat(c.appliedCommands(3)).containsExactly("c5", "c6");
            assertThat(c.progress(1, 3).state()).isEqualTo(Progress.State.REPLICATE);
            assertThat(c.node(1).matchIndexOf(n(3))).isEqualTo(7);

            c.propose(1, "c7");
            assertThat(c.appliedCommands(3)).containsExactly("c5", "c6", "c7");
        }

        @Test
        void aLostSnapshotIsSentAgainAfterAnElectionTimeout() {
            TestCluster c = leaderCompactedPastFollower3();
            AtomicInteger lost = new AtomicInteger();
            c.drop(m -> m instanceof InstallSnapshot && lost.getAndIncrement() == 0);

            List<Integer> sentAt = new ArrayList<>();
            for (int t = 1; t <= 30; t++) {
                int before = c.sent(InstallSnapshot.class, 1, 3).size();
                c.tick(1);
                if (c.sent(InstallSnapshot.class, 1, 3).size() > before) {
                    sentAt.add(t);
                }
            }

            assertThat(sentAt).hasSize(2);
            assertThat(sentAt.get(1) - sentAt.get(0)).isBetween(10, 11);
            assertThat(c.node(3).commitIndex()).isEqualTo(7);
        }

        @Test
        void aFollowerWhoseLogHoldsTheSnapshotsLastEntryKeepsTheEntriesAfterIt() {
            LoneNode follower = LoneNode.of(2, 3, 1, 1, 1, 1, 1, 1);

            List<Message> out = follower.step(new InstallSnapshot(n(1), n(2), 1, snapshot(3, 1, voters(3))));

            assertThat(out).containsExactly(AppendResponse.accepted(n(2), n(1), 1, 3));
            assertThat(follower.terms()).containsExactly(1L, 1L, 1L, 1L, 1L);
            assertThat(follower.node.commitIndex()).isEqualTo(3);
            assertThat(follower.storage.snapshot().index()).isZero();
            assertThat(follower.applied).extracting(LogEntry::index).containsExactly(1L, 2L, 3L);
        }

        @Test
        void aFollowerWhoseLogConflictsWithTheSnapshotReplacesItsLogWithIt() {
            LoneNode follower = LoneNode.of(2, 3, 2, 1, 1, 2, 2);

            List<Message> out = follower.step(new InstallSnapshot(n(1), n(2), 3, snapshot(3, 3, voters(3))));

            assertThat(out).containsExactly(AppendResponse.accepted(n(2), n(1), 3, 3));
            assertThat(follower.storage.snapshot().index()).isEqualTo(3);
            assertThat(follower.node.lastIndex()).isEqualTo(3);
            assertThat(follower.node.termAt(3)).isEqualTo(3);
            assertThat(follower.node.termAt(4)).isEqualTo(-1);
            assertThat(follower.node.commitIndex()).isEqualTo(3);
            assertThat(follower.node.appliedIndex()).isEqualTo(3);
            assertThat(follower.applied).isEmpty();
        }

        @Test
        void aSnapshotAtOrBelowTheCommitIndexIsAnsweredWithTheCommitIndex() {
            LoneNode follower = LoneNode.of(2, 3, 1, 1, 1, 1, 1);
            follower.step(new io.kairos.raft.message.Heartbeat(n(1), n(2), 1, 4, 1));

            List<Message> out = follower.step(new InstallSnapshot(n(1), n(2), 1, snapshot(2, 1, voters(3))));

            assertThat(out).containsExactly(AppendResponse.accepted(n(2), n(1), 1, 4));
            assertThat(follower.storage.snapshot().index()).isZero();
        }

        @Test
        void anInstalledSnapshotBringsItsMembership() {
            LoneNode follower = LoneNode.of(2, 3, 1);
            Membership five = voters(5);

            follower.step(new InstallSnapshot(n(1), n(2), 1, snapshot(4, 1, five)));

            assertThat(follower.node.membership()).isEqualTo(five);
            assertThat(follower.node.leader()).isEqualTo(n(1));
        }

        @Test
        void aRestartedNodeStartsFromItsSnapshot() {
            TestCluster c = leaderCompactedPastFollower3();
            c.tick(2);

            RaftNode restarted = c.restart(NodeId.of(3));

            assertThat(restarted.commitIndex()).isEqualTo(7);
            assertThat(restarted.appliedIndex()).isEqualTo(5);
            c.flush();
            assertThat(c.appliedCommands(3)).containsExactly("c5", "c6");
        }
    }
}
