package io.kairos.server.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three master JVMs with real data directories on loopback ports, treated the way machines fail:
 * {@code kill -9} of the leader under a write load, and SIGSTOP pauses longer than the election
 * timeout.
 */
class ProcessClusterTest {

    /** 50 ms ticks: elections after 0.5-1 s. Snapshots every 300 entries, keeping 30. */
    private static final String FAST = """
            timing: { tick-ms: 50, election-ticks: 10, heartbeat-ticks: 1 }
            snapshots: { max-entries: 300, retained-entries: 30 }
            """;

    @TempDir
    Path dir;

    @Test
    void killingTheLeaderRepeatedlyUnderLoadLosesNoAcknowledgedWriteAndAppliesNoneTwice() throws Exception {
        try (ProcessCluster cluster = new ProcessCluster(dir, 3, FAST)) {
            cluster.startAll();
            cluster.awaitLeader();
            List<SessionWriter> writers = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (int w = 1; w <= 4; w++) {
                SessionWriter writer = new SessionWriter("log" + w, w, cluster.urls());
                writers.add(writer);
                threads.add(new Thread(writer, "writer-" + w));
            }
            threads.forEach(Thread::start);
            try {
                for (int round = 0; round < 3; round++) {
                    awaitMoreWrites(writers, 100);
                    ProcessCluster.Leader leader = cluster.awaitLeader();
                    MasterProcess victim = cluster.master(leader.id());
                    victim.kill();
                    ProcessCluster.Leader next = cluster.awaitLeader();
                    assertThat(next.id()).isNotEqualTo(leader.id());
                    assertThat(next.term()).isGreaterThan(leader.term());
                    // Stay down long enough for the others to compact past it: it must catch up
                    // from a snapshot when it comes back.
                    awaitMoreWrites(writers, 400);
                    victim.start();
                }
                awaitMoreWrites(writers, 100);
            } finally {
                writers.forEach(SessionWriter::stop);
                for (Thread t : threads) {
                    t.join(70_000);
                }
            }
            for (SessionWriter w : writers) {
                assertThat(w.errors).as(cluster.logs()).isEmpty();
            }
            // Every master converges on the same values, holding every acknowledged token exactly
            // once and in order (a write whose answer was lost may sit at the end, unacknowledged).
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (SessionWriter w : writers) {
                    String leaderValue = cluster.staleValue(cluster.awaitLeader().id(), w.key);
                    assertThat(leaderValue).isNotNull();
                    for (MasterProcess m : cluster.masters) {
                        assertThat(cluster.staleValue(m.id, w.key)).as("n" + m.id + " " + w.key).isEqualTo(leaderValue);
                    }
                }
            });
            int leader = cluster.awaitLeader().id();
            for (SessionWriter w : writers) {
                List<String> tokens = List.of(cluster.staleValue(leader, w.key).split("(?<=;)"));
                assertThat(tokens).as("no token applied twice").doesNotHaveDuplicates();
                assertThat(tokens.subList(0, w.acknowledged.size())).as("every acknowledged write, in order")
                        .isEqualTo(w.acknowledged);
                assertThat(tokens.size() - w.acknowledged.size()).as("at most the write in flight at the stop")
                        .isLessThanOrEqualTo(1);
            }
            for (MasterProcess m : cluster.masters) {
                assertThat(cluster.status(m.id).orElseThrow().get("snapshotIndex").asLong())
                        .as("n" + m.id + " compacted its log").isPositive();
            }
        }
    }

    /**
     * 100 ms ticks here (elections after 1-2 s of silence): this test asserts that no election
     * happens, so it leaves a loaded machine's scheduling hiccups more room than {@link #FAST}.
     */
    private static final String STEADY = """
            timing: { tick-ms: 100, election-ticks: 10, heartbeat-ticks: 1 }
            """;

    @Test
    void aPausedFollowerOrLeaderDoesNotDisruptTheClusterWhenItResumes() throws Exception {
        try (ProcessCluster cluster = new ProcessCluster(dir, 3, STEADY)) {
            cluster.startAll();
            ProcessCluster.Leader leader = cluster.awaitLeader();
            SessionWriter writer = new SessionWriter("paused", 1, cluster.urls());
            Thread thread = new Thread(writer, "writer");
            thread.start();
            try {
                // A follower paused for 5 s (2.5-5 election timeouts) and resumed: same leader, same term.
                MasterProcess follower = cluster.master(leader.id() % 3 + 1);
                follower.pause();
                awaitMoreWrites(List.of(writer), 50);
                // The pause itself: a length of time the node is frozen, not a wait for some state.
                await().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(6)).until(() -> true);
                follower.resume();
                awaitMoreWrites(List.of(writer), 50);
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                        assertThat(cluster.staleValue(follower.id, "paused")).isNotNull());
                assertThat(cluster.awaitLeader()).as("the resumed follower caused no election").isEqualTo(leader);

                // The leader paused: the others elect a new one; the old one, resumed, steps down
                // and follows, and the cluster stays at the new leader and term.
                MasterProcess old = cluster.master(leader.id());
                old.pause();
                ProcessCluster.Leader next = await().atMost(Duration.ofSeconds(20)).until(() -> {
                    for (MasterProcess m : cluster.masters) {
                        if (m != old) {
                            var s = cluster.status(m.id);
                            if (s.isPresent() && s.get().get("role").asText().equals("LEADER")) {
                                return new ProcessCluster.Leader(m.id, s.get().get("term").asLong());
                            }
                        }
                    }
                    return null;
                }, l -> l != null);
                awaitMoreWrites(List.of(writer), 50);
                old.resume();
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                        assertThat(cluster.status(old.id).orElseThrow().get("role").asText()).isEqualTo("FOLLOWER"));
                awaitMoreWrites(List.of(writer), 50);
                assertThat(cluster.awaitLeader()).as("the resumed leader caused no further election").isEqualTo(next);
            } finally {
                writer.stop();
                thread.join(70_000);
            }
            assertThat(writer.errors).as(cluster.logs()).isEmpty();
        }
    }

    @Test
    void sigtermStopsAMasterCleanlyAndItRejoinsOnRestart() throws Exception {
        try (ProcessCluster cluster = new ProcessCluster(dir, 3, FAST)) {
            cluster.startAll();
            ProcessCluster.Leader leader = cluster.awaitLeader();
            MasterProcess follower = cluster.master(leader.id() % 3 + 1);

            int exit = follower.terminate();

            assertThat(exit).as(follower.tailOfLog()).isEqualTo(143);
            assertThat(follower.tailOfLog()).contains("shutting down", "n" + follower.id + " stopped");
            follower.start();
            // It rejoins: the leader all three agree on replicates to it (a leader elected meanwhile is fine).
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                ProcessCluster.Leader now = cluster.awaitLeader();
                assertThat(cluster.status(follower.id)).hasValueSatisfying(s -> {
                    assertThat(s.get("role").asText()).isEqualTo("FOLLOWER");
                    assertThat(s.get("leader").asInt()).isEqualTo(now.id());
                });
            });
        }
    }

    private static void awaitMoreWrites(List<SessionWriter> writers, int more) {
        long target = total(writers) + more;
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> total(writers) >= target || writers.stream().anyMatch(w -> !w.errors.isEmpty()));
        for (SessionWriter w : writers) {
            assertThat(w.errors).isEmpty();
        }
    }

    private static long total(List<SessionWriter> writers) {
        return writers.stream().mapToLong(w -> w.acknowledged.size()).sum();
    }
}
