package io.kairos.api.worker;

import java.util.Map;

/**
 * One attempt to run. {@code (jobId, scheduledMillis, attempt)} is the idempotency and fencing key
 * the handler receives; {@code runId} and {@code attempt} go back in the reports.
 *
 * @param scheduledMillis the scheduled fire time, epoch milliseconds
 * @param shardIndex this run's shard, from 0; 0 for jobs that are not sharded
 * @param shardTotal the job's shard count; 1 for jobs that are not sharded
 * @param params the on-demand trigger's parameters, empty for scheduled fires
 * @param timeoutMillis the attempt fails this long after it was assigned; 0 means no timeout. The
 *     worker also stops it this long after it started it locally, and reports it FAILED
 */
public record Dispatch(long runId, int attempt, String jobId, long scheduledMillis, int shardIndex, int shardTotal,
        Map<String, String> params, long timeoutMillis, TaskSpec task) {
}
