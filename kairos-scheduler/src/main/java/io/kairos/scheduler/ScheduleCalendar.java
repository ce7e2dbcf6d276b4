package io.kairos.scheduler;

import io.kairos.scheduler.job.JobSpec;
import io.kairos.scheduler.job.Schedule;

/**
 * The scheduled times of one job, as epoch milliseconds in strictly increasing order, within the
 * job's start and end bounds. Pure: the same spec and anchor give the same times on every node.
 */
abstract class ScheduleCalendar {

    /** No further scheduled time (or, for fixed delay, none until the running one ends). */
    static final long NONE = Long.MAX_VALUE;

    private final long startMillis;
    private final long endMillis;

    ScheduleCalendar(JobSpec spec) {
        this.startMillis = spec.startMillis().orElse(0);
        this.endMillis = spec.endMillis().orElse(NONE - 1);
    }

    static ScheduleCalendar of(JobSpec spec, long anchorMillis) {
        Schedule s = spec.schedule();
        if (s instanceof Schedule.Cron c) {
            return new CronCalendar(spec, c, anchorMillis);
        } else if (s instanceof Schedule.FixedRate r) {
            return new Periodic(spec, anchorMillis, r.periodMillis(), true);
        } else if (s instanceof Schedule.FixedDelay d) {
            return new Periodic(spec, anchorMillis, d.delayMillis(), false);
        } else if (s instanceof Schedule.OneShot o) {
            return new Single(spec, o.atMillis());
        } else if (s instanceof Schedule.OnDemand) {
            return new Single(spec, NONE);
        }
        throw new AssertionError("unknown schedule " + s);
    }

    /** The first scheduled time, or {@link #NONE}. */
    final long first() {
        return bounded(unboundedFirst());
    }

    /** The scheduled time after {@code firedMillis}, or {@link #NONE}. */
    final long nextAfter(long firedMillis) {
        return bounded(unboundedNextAfter(firedMillis));
    }

    /** For fixed delay: the next time once a run ended at {@code endedMillis}; {@link #NONE} for others. */
    long afterRunEnded(long endedMillis) {
        return NONE;
    }

    abstract long unboundedFirst();

    abstract long unboundedNextAfter(long firedMillis);

    final long bounded(long millis) {
        return millis < startMillis || millis > endMillis ? NONE : millis;
    }

    static long plus(long a, long b) {
        long sum = a + b;
        return sum < a ? NONE : sum;
    }

    /** Fixed rate (every period from the anchor) and fixed delay (a period after each run's end). */
    static final class Periodic extends ScheduleCalendar {
        private final long anchorMillis;
        private final long periodMillis;
        private final boolean fixedRate;

        Periodic(JobSpec spec, long anchorMillis, long periodMillis, boolean fixedRate) {
            super(spec);
            this.anchorMillis = anchorMillis;
            this.periodMillis = periodMillis;
            this.fixedRate = fixedRate;
        }

        @Override
        long unboundedFirst() {
            return anchorMillis;
        }

        @Override
        long unboundedNextAfter(long firedMillis) {
            return fixedRate ? plus(firedMillis, periodMillis) : NONE;
        }

        @Override
        long afterRunEnded(long endedMillis) {
            return fixedRate ? NONE : bounded(plus(endedMillis, periodMillis));
        }
    }

    /** One-shot (one time) and on-demand ({@link #NONE}). */
    static final class Single extends ScheduleCalendar {
        private final long atMillis;

        Single(JobSpec spec, long atMillis) {
            super(spec);
            this.atMillis = atMillis;
        }

        @Override
        long unboundedFirst() {
            return atMillis;
        }

        @Override
        long unboundedNextAfter(long firedMillis) {
            return NONE;
        }
    }
}
