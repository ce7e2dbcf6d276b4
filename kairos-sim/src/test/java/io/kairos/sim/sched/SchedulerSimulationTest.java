package io.kairos.sim.sched;

import static org.assertj.core.api.Assertions.assertThat;

import io.kairos.sim.FaultMix;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The scheduler's CI tier: 200 seeds (150 with 3 masters, 50 with 5), 60 s of virtual time each
 * with every fault, then the final heal and the settle period. No seed may break an invariant, and
 * the tier must actually have been through what the invariants are about: workers declared lost and
 * their late reports fenced, master crashes and elections, snapshots, graceful leaves, cancels.
 */
class SchedulerSimulationTest {

    private static final long DURATION_SECONDS = 60;

    @Test
    void twoHundredSeedsOfMastersAndWorkersBreakNothing() throws Exception {
        List<SchedulerResult> results = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<SchedulerResult>> futures = new ArrayList<>();
            for (int[] tier : new int[][] {{3, 150}, {5, 50}}) {
                SchedulerParams params = SchedulerParams.of(tier[0], DURATION_SECONDS, FaultMix.ALL);
                for (int i = 1; i <= tier[1]; i++) {
                    long seed = tier[0] * 100_000L + i;
                    futures.add(pool.submit(() -> SchedulerSimulation.run(params, seed)));
                }
            }
            for (Future<SchedulerResult> f : futures) {
                results.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(results).filteredOn(SchedulerResult::failed)
                .extracting(r -> r.replayCommand() + " -> " + r.violation()).as("violations; replay with the commands")
                .isEmpty();
        for (SchedulerResult r : results) {
            String seed = r.replayCommand();
            assertThat(r.virtualMicros()).as(seed).isGreaterThanOrEqualTo(DURATION_SECONDS * 1_000_000);
            assertThat(r.counter("applied Tick")).as(seed + " ticks").isGreaterThanOrEqualTo(30);
            assertThat(r.counter("applied Finished")).as(seed + " finished attempts").isGreaterThanOrEqualTo(30);
            assertThat(r.counter("client commands committed")).as(seed + " client commands").isGreaterThanOrEqualTo(8);
        }
        assertThat(total(results, "applied WorkerLost")).as("workers declared lost").isGreaterThanOrEqualTo(100);
        assertThat(total(results, "worker reports fenced")).as("late reports fenced").isGreaterThanOrEqualTo(50);
        assertThat(total(results, "stale reports fenced")).isGreaterThanOrEqualTo(100);
        assertThat(total(results, "master crashes")).isGreaterThanOrEqualTo(200);
        assertThat(total(results, "elections")).isGreaterThanOrEqualTo(400);
        assertThat(total(results, "snapshots")).isGreaterThanOrEqualTo(200);
        assertThat(total(results, "worker deregistered")).isGreaterThanOrEqualTo(50);
        assertThat(total(results, "cancels")).isGreaterThanOrEqualTo(100);
        assertThat(total(results, "worker pauses beyond the lease")).isGreaterThanOrEqualTo(100);
    }

    private static long total(List<SchedulerResult> results, String counter) {
        return results.stream().mapToLong(r -> r.counter(counter)).sum();
    }
}
