package io.kairos.server.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduler under real failures: three master JVMs and two worker JVMs, 200 jobs firing every
 * second, the leader killed with {@code kill -9} five times and one worker twice within the run
 * (two minutes; {@code -Dkairos.sched.process.seconds=N} for longer or shorter). Afterwards every
 * scheduled time of every job is accounted for exactly once (a run, or a skip its misfire policy
 * made), every run succeeded (none lost, none stuck), and the masters agree. The fires' lateness is
 * written to {@code target/scheduler-process-lateness.txt}.
 */
class SchedulerProcessTest {

    static final int JOBS = 200;
    static final long PERIOD = 1_000;
    static final String TIMING = """
            timing: { tick-ms: 100, election-ticks: 10, heartbeat-ticks: 1 }
            snapshots: { max-entries: 20000, retained-entries: 2000 }
            """;

    @TempDir
    Path dir;

    @Test
    void everyScheduledTimeIsAccountedForExactlyOnceThroughLeaderAndWorkerKills() throws Exception {
        long seconds = Long.getLong("kairos.sched.process.seconds", 120);
        try (ProcessCluster cluster = new ProcessCluster(dir, 3, TIMING)) {
            cluster.startAll();
            cluster.awaitLeader();
            LeaderApi api = new LeaderApi(cluster.urls());
            List<WorkerProcess> workers = List.of(new WorkerProcess("w1", dir, cluster.urls(), 200),
                    new WorkerProcess("w2", dir, cluster.urls(), 200));
            try {
                workers.forEach(WorkerProcess::start);
                await().atMost(Duration.ofSeconds(30)).until(() -> aliveWorkers(api) == 2);

                // The first fires lie well after the jobs exist, so that lateness measures the scheduler.
                long start = (System.currentTimeMillis() / 1_000 + 15) * 1_000;
                java.util.stream.IntStream.range(0, JOBS).parallel().forEach(j -> {
                    String misfire = j % 2 == 0 ? "{\"policy\":\"FIRE_ALL_UP_TO\",\"limit\":1000}"
                            : "{\"policy\":\"SKIP\"}";
                    api.post("/v1/jobs", "{\"jobId\":\"j" + j + "\",\"spec\":{\"schedule\":{\"type\":\"fixedRate\","
                            + "\"periodMillis\":" + PERIOD + "},\"startMillis\":" + start + ",\"misfire\":" + misfire
                            + ",\"historySize\":10000,\"task\":{\"type\":\"java\",\"handler\":\"noop\"}}}");
                });
                assertThat(System.currentTimeMillis()).as("all jobs created before their first fire").isLessThan(start);
                waitUntil(start);

                long t0 = System.currentTimeMillis();
                long step = seconds * 1_000 / 6;
                List<String> events = new ArrayList<>();
                for (int k = 1; k <= 5; k++) {
                    waitUntil(t0 + k * step);
                    ProcessCluster.Leader leader = cluster.awaitLeader();
                    cluster.master(leader.id()).kill();
                    events.add("kill -9 leader n" + leader.id() + " (term " + leader.term() + ") at +"
                            + (System.currentTimeMillis() - t0) + " ms");
                    if (k == 2 || k == 4) {
                        WorkerProcess w = workers.get(0); // the same worker, killed twice
                        w.kill();
                        events.add("kill -9 worker " + w.id + " at +" + (System.currentTimeMillis() - t0) + " ms");
                    }
                    cluster.awaitLeader();
                    cluster.master(leader.id()).start(); // rejoins from its data directory
                    if (k == 2 || k == 4) {
                        // Past its lease, so that the leader declares it lost and re-dispatches its runs.
                        waitUntil(System.currentTimeMillis() + 7_000);
                        workers.get(0).start();
                    }
                }
                waitUntil(t0 + seconds * 1_000);

                for (int j = 0; j < JOBS; j++) {
                    api.post("/v1/jobs/j" + j + "/pause", null);
                }
                // Settled: nothing live anywhere (every run ended), and every master applied the same.
                await().atMost(Duration.ofSeconds(90))
                        .pollInterval(Duration.ofSeconds(2)).until(() -> liveRuns(api) == 0);
                check(api, cluster, start, events);
            } finally {
                workers.forEach(w -> {
                    if (w.isAlive()) {
                        w.kill();
                    }
                });
            }
        }
    }

    private void check(LeaderApi api, ProcessCluster cluster, long start, List<String> events) throws Exception {
        List<Long> lateness = new ArrayList<>();
        java.util.TreeMap<Long, Long> worstBySecond = new java.util.TreeMap<>();
        long runsTotal = 0;
        long skippedTotal = 0;
        for (int j = 0; j < JOBS; j++) {
            JsonNode job = api.get("/v1/jobs/j" + j);
            JsonNode runs = api.get("/v1/jobs/j" + j + "/runs");
            long next = job.get("nextFireMillis").asLong();
            long expected = (next - start) / PERIOD;
            Set<Long> times = new HashSet<>();
            for (JsonNode run : runs) {
                long scheduled = run.get("scheduledMillis").asLong();
                assertThat(times.add(scheduled)).as("j%d fired %d twice", j, scheduled).isTrue();
                assertThat((scheduled - start) % PERIOD).as("j%d fired off schedule at %d", j, scheduled).isZero();
                assertThat(scheduled).isBetween(start, next - PERIOD);
                assertThat(run.get("state").asText()).as("j%d run %s", j, run).isEqualTo("SUCCEEDED");
                long late = run.get("firedMillis").asLong() - scheduled;
                lateness.add(late);
                worstBySecond.merge((scheduled - start) / 1_000, late, Math::max);
            }
            long skipped = job.get("skippedFires").asLong();
            assertThat(times.size() + skipped).as("j%d: runs + skips = scheduled times up to %d", j, next)
                    .isEqualTo(expected);
            if (j % 2 == 0) {
                assertThat(skipped).as("j%d fires every late time", j).isZero();
            }
            runsTotal += times.size();
            skippedTotal += skipped;
        }
        // The masters agree: every one has applied the same jobs (stale reads, after the settle).
        String reference = null;
        for (String url : cluster.urls()) {
            String jobs = new LeaderApi(List.of(url)).get("/v1/jobs?stale=true").toString();
            if (reference == null) {
                reference = jobs;
            }
            assertThat(jobs).as("the jobs as %s applied them", url).isEqualTo(reference);
        }
        lateness.sort(Long::compare);
        String report = "runs " + runsTotal + ", skipped " + skippedTotal + ", fire lateness (ms, replicated clock"
                + " at the fire minus the scheduled time): p50 " + lateness.get(lateness.size() / 2) + ", p99 "
                + lateness.get((int) (lateness.size() * 0.99)) + ", max " + lateness.get(lateness.size() - 1) + "\n"
                + String.join("\n", events) + "\nworst fire lateness per second since the first fire (s: ms): "
                + worstBySecond + "\n";
        Files.writeString(Path.of("target", "scheduler-process-lateness.txt"), report);
        System.out.println("SchedulerProcessTest: " + report);
        assertThat(runsTotal).isPositive();
    }

    private static int aliveWorkers(LeaderApi api) {
        int alive = 0;
        for (JsonNode w : api.get("/v1/workers")) {
            alive += w.get("lost").asBoolean() ? 0 : 1;
        }
        return alive;
    }

    private static long liveRuns(LeaderApi api) {
        long live = 0;
        for (int j = 0; j < JOBS; j++) {
            for (JsonNode run : api.get("/v1/jobs/j" + j + "/runs")) {
                String state = run.get("state").asText();
                live += state.equals("SUCCEEDED") || state.equals("FAILED") || state.equals("CANCELLED") ? 0 : 1;
            }
        }
        return live;
    }

    /** The chaos timeline moves on wall time; Awaitility waits for the clock, not for a state. */
    private static void waitUntil(long epochMillis) {
        long wait = epochMillis - System.currentTimeMillis();
        if (wait > 0) {
            await().pollDelay(Duration.ofMillis(Math.min(wait, 50))).pollInterval(Duration.ofMillis(50))
                    .atMost(Duration.ofMillis(wait + 5_000)).until(() -> System.currentTimeMillis() >= epochMillis);
        }
    }
}
