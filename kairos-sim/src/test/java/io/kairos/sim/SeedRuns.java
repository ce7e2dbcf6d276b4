package io.kairos.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs a test tier's seeds, two at a time (one cluster per thread), for 3 and then 5 nodes. */
final class SeedRuns {

    private static final int THREADS = 2;

    private SeedRuns() {}

    /** Seeds {@code firstSeed(nodes) + 1 .. + seedsPerSize} for each size, in that order. */
    static List<SimulationResult> run(int seedsPerSize, long durationSeconds, StorageKind storage,
            java.util.function.IntToLongFunction firstSeed) throws InterruptedException, ExecutionException {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<SimulationResult>> futures = new ArrayList<>();
            for (int nodes : new int[] {3, 5}) {
                SimulationParams params = SimulationParams.of(nodes, durationSeconds, FaultMix.ALL, storage);
                for (int i = 1; i <= seedsPerSize; i++) {
                    long seed = firstSeed.applyAsLong(nodes) + i;
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
