package io.kairos.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;

/**
 * The CI tier: 500 seeds, half on 3 nodes and half on 5, each 120 s of virtual time with faults,
 * then the final heal. No seed may break an invariant, and every seed must actually have been
 * through crashes, restarts, partitions, hundreds of client operations and a membership change or
 * leadership transfer, so that the test cannot pass by doing nothing. Each cluster runs in one
 * thread; two seeds run at a time.
 */
class CiTierSimulationTest {

    private static final int SEEDS_PER_SIZE = 250;
    private static final long DURATION_SECONDS = 120;

    @Test
    void fiveHundredSeedsOfThreeAndFiveNodesBreakNothing() throws InterruptedException, ExecutionException {
        long start = System.nanoTime();
        List<SimulationResult> results = SeedRuns.run(SEEDS_PER_SIZE, DURATION_SECONDS, StorageKind.MEMORY,
                nodes -> nodes * 10_000L);
        long wallNanos = System.nanoTime() - start;

        SimulationTotals totals = new SimulationTotals();
        results.forEach(totals::add);
        totals.print(System.out, wallNanos);

        assertThat(totals.failures()).as("violations; replay with the printed commands")
                .extracting(r -> r.replayCommand() + " -> " + r.violation()).isEmpty();
        for (SimulationResult r : results) {
            String seed = r.replayCommand();
            assertThat(r.virtualMicros()).as(seed).isGreaterThanOrEqualTo(DURATION_SECONDS * 1_000_000);
            assertThat(r.writes() + r.reads()).as(seed + " client operations").isGreaterThanOrEqualTo(300);
            assertThat(r.crashes()).as(seed + " crashes").isGreaterThanOrEqualTo(2);
            assertThat(r.restarts()).as(seed + " restarts").isGreaterThanOrEqualTo(2);
            assertThat(r.partitions()).as(seed + " partitions").isGreaterThanOrEqualTo(2);
            assertThat(r.membershipChanges() + r.transfers()).as(seed + " membership changes and transfers")
                    .isGreaterThanOrEqualTo(1);
            assertThat(r.elections()).as(seed + " elections").isGreaterThanOrEqualTo(2);
        }
        assertThat(average(results, SimulationResult::crashes)).isGreaterThanOrEqualTo(6);
        assertThat(average(results, SimulationResult::partitions)).isGreaterThanOrEqualTo(6);
        assertThat(average(results, SimulationResult::membershipChanges)).isGreaterThanOrEqualTo(3);
        assertThat(average(results, SimulationResult::transfers)).isGreaterThanOrEqualTo(3);
        assertThat(average(results, SimulationResult::snapshotsSent)).isGreaterThanOrEqualTo(3);
        assertThat(average(results, r -> r.writes() + r.reads())).isGreaterThanOrEqualTo(1_000);
    }

    private static double average(List<SimulationResult> results, ToLongFunction<SimulationResult> counter) {
        return results.stream().mapToLong(counter).average().orElse(0);
    }
}
