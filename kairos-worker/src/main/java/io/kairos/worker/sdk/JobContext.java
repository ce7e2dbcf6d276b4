package io.kairos.worker.sdk;

import java.util.Map;

/** What a {@link JobHandler} knows about the attempt it runs, and where it writes its output. */
public interface JobContext {

    String jobId();

    long runId();

    /** The scheduled fire time, epoch milliseconds. With {@link #jobId()} the run's idempotency key. */
    long scheduledMillis();

    /** Starts at 1; a retry or a re-dispatch after a lost worker is a new attempt. */
    int attempt();

    /** This run's shard, from 0; 0 for jobs that are not sharded. */
    int shardIndex();

    /** The job's shard count; 1 for jobs that are not sharded. */
    int shardTotal();

    /** The on-demand trigger's parameters; empty for scheduled fires. Unmodifiable. */
    Map<String, String> params();

    /** True once the attempt was cancelled or timed out; the thread is interrupted at the same time. */
    boolean isCancelled();

    /**
     * Writes one line of output: it goes to the attempt's log file on the worker, and the last
     * 4096 characters of all lines go back to the masters in the report.
     */
    void log(String line);
}
