package io.kairos.scheduler;

import io.kairos.scheduler.job.JobSpec;
import io.kairos.scheduler.job.Schedule;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

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

    /** The first scheduled time after {@code millis} (-1: the first of all), or {@link #NONE}. */
    long firstAfter(long millis) {
        long t = first();
        return t > millis ? t : NONE;
    }

    /** The scheduled time after {@code firedMillis}, or {@link #NONE}. */
    final long nextAfter(long firedMillis) {
        return bounded(unboundedNextAfter(firedMillis));
    }

    /** For fixed delay: the next time once a run ended at {@code endedMillis}; {@link #NONE} for others. */
    long afterRunEnded(long endedMillis) {
        return NONE;
    }

    /**
     * Consumes the scheduled times from {@code first} that are before {@code lateBeforeMillis},
     * keeping the latest {@code keep} of them, walking at most {@code budget} times. Iterates by
     * default; fixed rate jumps arithmetically, so a long outage under a millisecond period costs
     * nothing. When the budget runs out first, every time walked is skipped and the result is
     * incomplete: the next Tick continues from {@link LateFires#nextMillis()}.
     */
    LateFires collectLate(long first, long lateBeforeMillis, int keep, long budget) {
        ArrayDeque<Long> kept = new ArrayDeque<>();
        long skipped = 0;
        long last = -1;
        long t = first;
        for (long walked = 0; t < lateBeforeMillis; walked++) {
            if (walked == budget) {
                return new LateFires(List.of(), skipped + kept.size(), last, t, false);
            }
            last = t;
            kept.addLast(t);
            if (kept.size() > keep) {
                kept.removeFirst();
                skipped++;
            }
            t = nextAfter(t);
        }
        return new LateFires(List.copyOf(kept), skipped, last, t, true);
    }

    /**
     * Late times a Tick found: those the misfire policy keeps (oldest first), how many it skips, the
     * latest of them (-1 if none), the scheduled time that follows, and whether all late times were walked.
     */
    record LateFires(List<Long> kept, long skipped, long lastMillis, long nextMillis, boolean complete) {
    }

    abstract long unboundedFirst();

    abstract long unboundedNextAfter(long firedMillis);

    final long bounded(long millis) {
        return millis < startMillis || millis > endMillis ? NONE : millis;
    }

    final long endMillis() {
        return endMillis;
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

        @Override
        long firstAfter(long millis) {
            long first = first();
            if (first > millis || first == NONE) {
                return first;
            }
            if (!fixedRate) {
                return bounded(plus(millis, 1)); // restarted after fires: once, at the next Tick
            }
            return bounded(plus(anchorMillis, ((millis - anchorMillis) / periodMillis + 1) * periodMillis));
        }

        @Override
        LateFires collectLate(long first, long lateBeforeMillis, int keep, long budget) {
            if (!fixedRate || first == NONE || first >= lateBeforeMillis) {
                return super.collectLate(first, lateBeforeMillis, keep, budget);
            }
            // first is a scheduled time within bounds; the late ones are first + k * period below the limit.
            long count = (lateBeforeMillis - 1 - first) / periodMillis + 1;
            count = Math.min(count, (endMillis() - first) / periodMillis + 1);
            int kept = (int) Math.min(keep, count);
            List<Long> times = new ArrayList<>(kept);
            for (long k = count - kept; k < count; k++) {
                times.add(first + k * periodMillis);
            }
            long last = first + (count - 1) * periodMillis;
            return new LateFires(times, count - kept, last, nextAfter(last), true);
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
