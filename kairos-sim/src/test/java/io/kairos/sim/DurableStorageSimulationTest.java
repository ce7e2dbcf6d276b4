package io.kairos.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The simulator on the real storage: the write-ahead log, hard-state file and snapshot store of
 * {@code kairos-storage}, in a scratch directory per node, with crashes that tear the unsynced
 * bytes of the log at any offset. Every invariant must hold as on the memory disk, and the tier
 * must actually have torn logs, recovered them, and shipped snapshots as chunked files.
 */
class DurableStorageSimulationTest {

    private static final int SEEDS_PER_SIZE = 30;
    private static final long DURATION_SECONDS = 120;
    private static final int THREADS = 2;

    @Test
    void sixtySeedsOnDurableStorageBreakNothing() throws InterruptedException, ExecutionException {
        long start = System.nanoTime();
        List<SimulationResult> results = runAll();
        SimulationTotals totals = new SimulationTotals();
        results.forEach(totals::add);
        totals.print(System.out, System.nanoTime() - start);

        assertThat(totals.failures()).as("violations; replay with the printed commands")
                .extracting(r -> r.replayCommand() + " -> " + r.violation()).isEmpty();
        for (SimulationResult r : results) {
            assertThat(r.storage()).isEqualTo(StorageKind.DURABLE);
            assertThat(r.crashes()).as(r.replayCommand() + " crashes").isGreaterThanOrEqualTo(2);
            assertThat(r.writes() + r.reads()).as(r.replayCommand() + " client operations").isGreaterThanOrEqualTo(300);
        }
        assertThat(results.stream().mapToLong(SimulationResult::tornTails).sum()).as("logs torn by crashes")
                .isGreaterThanOrEqualTo(5);
        assertThat(results.stream().mapToLong(SimulationResult::snapshotsSent).sum()).as("snapshots sent")
                .isGreaterThanOrEqualTo(60);
    }

    private static List<SimulationResult> runAll() throws InterruptedException, ExecutionException {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<SimulationResult>> futures = new ArrayList<>();
            for (int nodes : new int[] {3, 5}) {
                SimulationParams params = SimulationParams.of(nodes, DURATION_SECONDS, FaultMix.ALL, StorageKind.DURABLE);
                for (int i = 1; i <= SEEDS_PER_SIZE; i++) {
                    long seed = 700_000L + nodes * 1_000L + i;
                    futures.add(pool.submit(() -> Simulation.run(params, seed)));
                }
            }
            List<SimulationResult> results = new ArrayList<>();
            for (Future<SimulationResult> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
