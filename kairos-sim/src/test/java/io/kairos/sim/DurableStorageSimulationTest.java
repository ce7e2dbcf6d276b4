package io.kairos.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.ExecutionException;
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

    @Test
    void sixtySeedsOnDurableStorageBreakNothing() throws InterruptedException, ExecutionException {
        long start = System.nanoTime();
        List<SimulationResult> results = SeedRuns.run(SEEDS_PER_SIZE, DURATION_SECONDS, StorageKind.DURABLE,
                nodes -> 700_000L + nodes * 1_000L);
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
}
