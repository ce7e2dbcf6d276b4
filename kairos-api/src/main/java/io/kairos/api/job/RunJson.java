package io.kairos.api.job;

import java.util.Map;

/**
 * One run of a job: {@code (jobId, scheduledMillis, attempt)} is its fencing key. Times are epoch
 * milliseconds of the replicated clock, null for never.
 *
 * @param state QUEUED, PENDING, ASSIGNED, RUNNING, SUCCEEDED, FAILED or CANCELLED
 * @param cause why it is in its state ("worker w1 lost during attempt 1", "timed out after ...")
 * @param firedMillis the replicated clock when the fire made the run; minus {@code scheduledMillis},
 *     the fire's lateness
 */
public record RunJson(long runId, String jobId, long scheduledMillis, int attempt, String state, String workerId,
        Long dueMillis, Long assignedMillis, Long startedMillis, Long finishedMillis, int failures, Integer exitCode,
        String outputTail, String cause, boolean onDemand, Map<String, String> params, int shardIndex,
        int shardTotal, long firedMillis) {
}
