package io.kairos.scheduler;

/** A read of the scheduler state, sent to {@code query(byte[])} encoded by {@link QueryCodec}. */
public sealed interface Query
        permits Query.JobById, Query.ListJobs, Query.RunsOfJob, Query.DueRuns, Query.NextDue, Query.Digest,
        Query.ListWorkers, Query.RunById, Query.LiveRuns {

    /** Answer: a list of zero or one {@link JobView}. */
    record JobById(String jobId) implements Query {
        public JobById {
            if (jobId == null) {
                throw new IllegalArgumentException("job id must not be null");
            }
        }
    }

    /** Answer: every {@link JobView}, by job id. */
    record ListJobs() implements Query {
    }

    /** Answer: the job's kept runs ({@link RunView}), oldest first; empty for an unknown job. */
    record RunsOfJob(String jobId) implements Query {
        public RunsOfJob {
            if (jobId == null) {
                throw new IllegalArgumentException("job id must not be null");
            }
        }
    }

    /** Answer: PENDING runs due at or before the clock, by due time then run id: what the leader assigns. */
    record DueRuns() implements Query {
    }

    /** Answer: when the leader should propose the next Tick, or empty when nothing waits on time. */
    record NextDue() implements Query {
    }

    /** Answer: a list of zero or one {@link RunView}: the run if it is live or still in its job's history. */
    record RunById(long runId) implements Query {
    }

    /** Answer: every live run ({@link RunView}: queued, pending, assigned, running), by run id. */
    record LiveRuns() implements Query {
    }

    /** Answer: every registered {@link WorkerView}, by worker id. */
    record ListWorkers() implements Query {
    }

    /** Answer: the SHA-256 of the snapshot bytes, equal on masters with equal states. */
    record Digest() implements Query {
    }
}
