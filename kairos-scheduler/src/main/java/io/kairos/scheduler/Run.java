package io.kairos.scheduler;

import java.util.SortedMap;

/**
 * One fire of a job, identified by {@code runId} and by {@code (jobId, scheduledMillis)}; its
 * fencing key is {@code (jobId, scheduledMillis, attempt)}. Mutated only by the state machine.
 */
final class Run {

    static final long NEVER = -1;

    final long runId;
    final String jobId;
    /** The schedule time this run fires for; the apply-time clock for on-demand runs. */
    final long scheduledMillis;
    final boolean onDemand;
    final SortedMap<String, String> params;
    /** This run's shard of its fire, from 0; 0 of 1 unless the job is sharded. */
    final int shardIndex;
    final int shardTotal;
    /** A broadcast run goes to this worker only; "" for any worker of the job's group. */
    final String pinnedWorker;
    /** The clock when the fire made the run: {@code firedMillis - scheduledMillis} is the fire's lateness. */
    final long firedMillis;

    /** Starts at 1; grows on every retry and failover. Only the current attempt may be assigned or report. */
    int attempt = 1;
    RunState state;
    /** The worker holding the current attempt while ASSIGNED or RUNNING, the one that ran the last attempt once ended; null otherwise. */
    String workerId;
    /** When the current attempt may be assigned: the fire time, or the end of a retry's backoff. */
    long dueMillis;
    long assignedMillis = NEVER;
    long startedMillis = NEVER;
    long finishedMillis = NEVER;
    /** Failed attempts so far (failure reports and timeouts; a lost worker does not count). */
    int failures;
    int exitCode;
    String outputTail = "";
    /** Where {@link SchedulerState#runTimers} holds this run, or null; derived. */
    SchedulerState.RunTimer timer;
    /** The worker {@link SchedulerState#held} files this run under while it is held; derived. */
    String heldUnder;
    /** Why the run is in its state, for people: "timed out after 500 ms", "worker w1 lost", ... */
    String cause = "";

    Run(long runId, String jobId, long scheduledMillis, boolean onDemand, SortedMap<String, String> params,
            int shardIndex, int shardTotal, String pinnedWorker, long firedMillis) {
        this.runId = runId;
        this.jobId = jobId;
        this.scheduledMillis = scheduledMillis;
        this.onDemand = onDemand;
        this.params = params;
        this.shardIndex = shardIndex;
        this.shardTotal = shardTotal;
        this.pinnedWorker = pinnedWorker;
        this.firedMillis = firedMillis;
    }

    /** A copy for callers outside the state machine. */
    RunView view() {
        return new RunView(runId, jobId, scheduledMillis, attempt, state, workerId, dueMillis, assignedMillis,
                startedMillis, finishedMillis, failures, exitCode, outputTail, cause, onDemand, params, shardIndex,
                shardTotal, pinnedWorker, firedMillis);
    }
}
