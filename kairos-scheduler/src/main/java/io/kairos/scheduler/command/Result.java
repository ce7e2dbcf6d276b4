package io.kairos.scheduler.command;

/** What applying a command did; every node reaches the same result ({@link ResultCodec} for bytes). */
public sealed interface Result
        permits Result.Applied, Result.Rejected, Result.Conflict, Result.NotFound, Result.StaleAttempt {

    /**
     * The command changed the state (or was an idempotent repeat). {@code value} is the job's
     * version after CreateJob and UpdateJob, the new run's id after TriggerJob, the number of runs
     * its placements assigned after a Tick, and 0 otherwise.
     */
    record Applied(long value) implements Result {
    }

    /** The command is invalid or not allowed in the current state; nothing changed. */
    record Rejected(String reason) implements Result {
        public Rejected {
            if (reason == null) {
                throw new IllegalArgumentException("reason must not be null");
            }
        }
    }

    /** UpdateJob expected another version; nothing changed. */
    record Conflict(long currentVersion) implements Result {
    }

    /** The job, run or worker named does not exist; nothing changed. */
    record NotFound(String what) implements Result {
        public NotFound {
            if (what == null) {
                throw new IllegalArgumentException("what must not be null");
            }
        }
    }

    /**
     * The fencing rejection: the attempt reported or assigned is not the run's current live
     * attempt. Nothing changed but the stale-report counters.
     */
    record StaleAttempt(long runId, int currentAttempt) implements Result {
    }
}
