package io.kairos.sim.fault;

import java.util.Random;

/**
 * How often and how hard faults and operator actions strike. Waiting times between events are
 * exponential with the given means.
 *
 * @param meanMicrosBetweenCrashes mean time between two machine crashes
 * @param shortDowntimeShare share of crashes that are quick reboots
 * @param maxShortDowntimeMicros the longest quick reboot (from 10 ms)
 * @param maxDowntimeMicros the longest downtime of the other crashes (from 500 ms)
 * @param leaderCrashShare share of crashes aimed at the current leader
 * @param newLeaderCrashShare share of newly elected leaders crashed within their first 60 ms
 * @param meanMicrosBetweenPartitions mean time between two partitions
 * @param maxPartitionMicros the longest a partition lasts (from 200 ms)
 * @param maxConcurrentPartitions partitions in force at once at most
 * @param meanMicrosBetweenTransfers mean time between two leadership transfer requests
 * @param meanMicrosBetweenChanges mean time between the ends of one membership change and the start
 *     of the next
 */
public record FaultSettings(long meanMicrosBetweenCrashes, double shortDowntimeShare, long maxShortDowntimeMicros,
        long maxDowntimeMicros, double leaderCrashShare, double newLeaderCrashShare, long meanMicrosBetweenPartitions, long maxPartitionMicros,
        int maxConcurrentPartitions, long meanMicrosBetweenTransfers, long meanMicrosBetweenChanges) {

    public static FaultSettings defaults() {
        return new FaultSettings(12_000_000, 0.3, 300_000, 6_000_000, 0.35, 0.1, 9_000_000, 6_000_000, 2, 12_000_000,
                15_000_000);
    }

    /** An exponentially distributed waiting time with the given mean. */
    static long exponential(Random random, long meanMicros) {
        return (long) (-Math.log(1 - random.nextDouble()) * meanMicros);
    }
}
