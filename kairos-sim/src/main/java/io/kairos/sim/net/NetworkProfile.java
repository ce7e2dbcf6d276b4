package io.kairos.sim.net;

import java.util.Random;

/**
 * How the network treats each message, apart from partitions.
 *
 * @param minLatencyMicros the fastest delivery
 * @param maxLatencyMicros the slowest ordinary delivery; latency is uniform in between, which
 *     reorders messages sent close together
 * @param dropRate probability that a message is lost
 * @param duplicateRate probability that a message is delivered twice (with independent latencies)
 * @param slowRate probability that a message is held up for {@code slowMaxMicros} at most, long
 *     enough to arrive after messages sent well after it
 * @param slowMaxMicros the longest delay of a slow message
 */
public record NetworkProfile(long minLatencyMicros, long maxLatencyMicros, double dropRate, double duplicateRate,
        double slowRate, long slowMaxMicros) {

    public NetworkProfile {
        if (minLatencyMicros < 0 || maxLatencyMicros < minLatencyMicros || slowMaxMicros < maxLatencyMicros) {
            throw new IllegalArgumentException("latencies must satisfy 0 <= min <= max <= slowMax, got "
                    + minLatencyMicros + ", " + maxLatencyMicros + ", " + slowMaxMicros);
        }
        if (dropRate < 0 || duplicateRate < 0 || slowRate < 0 || dropRate + duplicateRate + slowRate > 1) {
            throw new IllegalArgumentException("rates must be probabilities");
        }
    }

    /** 1 to 20 ms, nothing lost, duplicated or held up. */
    public static NetworkProfile reliable() {
        return new NetworkProfile(1_000, 20_000, 0, 0, 0, 20_000);
    }

    /** 1 to 20 ms; 3% dropped, 2% duplicated, 2% held up to 300 ms. */
    public static NetworkProfile lossy() {
        return new NetworkProfile(1_000, 20_000, 0.03, 0.02, 0.02, 300_000);
    }

    /**
     * A lossy network drawn at random: up to 8% dropped, 4% duplicated, 5% held up to 300 ms (on
     * some networks up to 2 s, so that messages of long-gone rounds turn up), latencies up to 5, 20
     * or 50 ms.
     */
    public static NetworkProfile lossy(Random random) {
        long[] maxLatency = {5_000, 20_000, 50_000};
        long[] slowMax = {300_000, 300_000, 2_000_000};
        return new NetworkProfile(1_000, maxLatency[random.nextInt(maxLatency.length)], random.nextDouble() * 0.08,
                random.nextDouble() * 0.04, random.nextDouble() * 0.05, slowMax[random.nextInt(slowMax.length)]);
    }
}
