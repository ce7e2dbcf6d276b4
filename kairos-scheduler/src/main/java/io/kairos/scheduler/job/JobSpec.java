package io.kairos.scheduler.job;

import java.util.OptionalLong;
import java.util.Set;

/**
 * Everything a user says about a job. Immutable and validated; build one with {@link #builder}.
 *
 * @param schedule when it fires
 * @param startMillis no fire before this instant; also the anchor of fixed-rate and fixed-delay schedules
 * @param endMillis no fire after this instant
 * @param misfire what a Tick does with late fires
 * @param overlap what a fire does while a previous run is live
 * @param retry failures allowed and backoff
 * @param timeoutMillis an attempt still live this long after its Assign fails; 0 means no timeout
 * @param target worker group and routing strategy
 * @param historySize finished runs kept per job (live runs are always kept)
 * @param task what a run executes on its worker
 * @param failover what a run does when its worker is declared lost
 */
public record JobSpec(Schedule schedule, OptionalLong startMillis, OptionalLong endMillis, MisfirePolicy misfire,
        OverlapPolicy overlap, RetryPolicy retry, long timeoutMillis, Target target, int historySize, Task task,
        FailoverPolicy failover) {

    /** The largest run history a job may keep. */
    public static final int MAX_HISTORY = 10_000;

    public JobSpec {
        if (schedule == null || startMillis == null || endMillis == null || misfire == null || overlap == null
                || retry == null || target == null || task == null || failover == null) {
            throw new IllegalArgumentException("job spec fields must not be null");
        }
        if (startMillis.isPresent() && startMillis.getAsLong() < 0) {
            throw new IllegalArgumentException("start must not be negative, was " + startMillis.getAsLong());
        }
        if (endMillis.isPresent() && endMillis.getAsLong() < startMillis.orElse(0)) {
            throw new IllegalArgumentException(
                    "end " + endMillis.getAsLong() + " must not be before start " + startMillis.orElse(0));
        }
        if (timeoutMillis < 0) {
            throw new IllegalArgumentException("timeout must not be negative, was " + timeoutMillis);
        }
        if (historySize < 1 || historySize > MAX_HISTORY) {
            throw new IllegalArgumentException(
                    "history size must be between 1 and " + MAX_HISTORY + ", was " + historySize);
        }
    }

    /**
     * Defaults: no bounds, fire once now on misfire, allow overlap, no retry, no timeout, any worker,
     * 100 runs, re-dispatch on worker loss, and the task the Java handler {@code noop} every worker ships.
     */
    public static Builder builder(Schedule schedule) {
        return new Builder(schedule);
    }

    /** Whether a worker with these tags may run this job: its group tag, and shell jobs only where enabled. */
    public boolean runsOn(Set<String> workerTags) {
        if (!target.groupTag().isEmpty() && !workerTags.contains(target.groupTag())) {
            return false;
        }
        return !(task instanceof Task.Shell) || workerTags.contains(Task.SHELL_TAG);
    }

    /** A copy to change one thing. */
    public Builder toBuilder() {
        Builder b = new Builder(schedule);
        b.startMillis = startMillis;
        b.endMillis = endMillis;
        b.misfire = misfire;
        b.overlap = overlap;
        b.retry = retry;
        b.timeoutMillis = timeoutMillis;
        b.target = target;
        b.historySize = historySize;
        b.task = task;
        b.failover = failover;
        return b;
    }

    /** Builds a {@link JobSpec}; validation happens in {@link #build()}. */
    public static final class Builder {
        private final Schedule schedule;
        private OptionalLong startMillis = OptionalLong.empty();
        private OptionalLong endMillis = OptionalLong.empty();
        private MisfirePolicy misfire = MisfirePolicy.fireOnceNow();
        private OverlapPolicy overlap = OverlapPolicy.ALLOW;
        private RetryPolicy retry = RetryPolicy.none();
        private long timeoutMillis;
        private Target target = Target.anyWorker();
        private int historySize = 100;
        private Task task = new Task.Java("noop");
        private FailoverPolicy failover = FailoverPolicy.REDISPATCH;

        private Builder(Schedule schedule) {
            this.schedule = schedule;
        }

        public Builder startMillis(long millis) {
            this.startMillis = OptionalLong.of(millis);
            return this;
        }

        public Builder endMillis(long millis) {
            this.endMillis = OptionalLong.of(millis);
            return this;
        }

        public Builder misfire(MisfirePolicy policy) {
            this.misfire = policy;
            return this;
        }

        public Builder overlap(OverlapPolicy policy) {
            this.overlap = policy;
            return this;
        }

        public Builder retry(RetryPolicy policy) {
            this.retry = policy;
            return this;
        }

        public Builder timeoutMillis(long millis) {
            this.timeoutMillis = millis;
            return this;
        }

        public Builder target(Target target) {
            this.target = target;
            return this;
        }

        public Builder historySize(int size) {
            this.historySize = size;
            return this;
        }

        public Builder task(Task task) {
            this.task = task;
            return this;
        }

        public Builder failover(FailoverPolicy policy) {
            this.failover = policy;
            return this;
        }

        public JobSpec build() {
            return new JobSpec(schedule, startMillis, endMillis, misfire, overlap, retry, timeoutMillis, target,
                    historySize, task, failover);
        }
    }
}
