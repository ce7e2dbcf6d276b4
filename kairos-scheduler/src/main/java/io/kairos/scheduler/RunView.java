package io.kairos.scheduler;

import java.util.SortedMap;

/**
 * A run as a query sees it. {@code (jobId, scheduledMillis, attempt)} is the key a handler gets for
 * idempotency and fencing (with {@code shardIndex} for sharded jobs); times are epoch milliseconds
 * of the replicated clock, -1 for never. {@code pinnedWorker} is "" unless a broadcast made the run
 * for one worker. {@code firedMillis} is the clock when the fire made the run: minus
 * {@code scheduledMillis}, the fire's lateness.
 */
public record RunView(long runId, String jobId, long scheduledMillis, int attempt, RunState state, String workerId,
        long dueMillis, long assignedMillis, long startedMillis, long finishedMillis, int failures, int exitCode,
        String outputTail, String cause, boolean onDemand, SortedMap<String, String> params, int shardIndex,
        int shardTotal, String pinnedWorker, long firedMillis) {
}
