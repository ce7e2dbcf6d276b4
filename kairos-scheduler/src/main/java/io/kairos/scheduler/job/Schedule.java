package io.kairos.scheduler.job;

import java.time.DateTimeException;
import java.time.ZoneId;

/**
 * When a job fires. Every variant is validated in its constructor, so a schedule that exists is one
 * the state machine can evaluate; {@link Cron} parses its expression there and rejects it precisely.
 */
public sealed interface Schedule
        permits Schedule.Cron, Schedule.FixedRate, Schedule.FixedDelay, Schedule.OneShot, Schedule.OnDemand {

    /**
     * Quartz-style cron with seconds ({@code "0/10 * * * * ?"}) evaluated in an IANA time zone. A
     * wall time that falls in a daylight-saving gap fires at the instant the gap ends; a wall time
     * that happens twice fires once, at its first occurrence.
     */
    record Cron(String expression, String zone) implements Schedule {
        public Cron {
            if (expression == null || expression.isBlank()) {
                throw new IllegalArgumentException("cron expression must not be blank");
            }
            if (zone == null) {
                throw new IllegalArgumentException("cron time zone must not be null");
            }
            try {
                ZoneId.of(zone);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("unknown time zone '" + zone + "'");
            }
            CronExpression.parse(expression);
        }
    }

    /** Fires at the anchor and every {@code periodMillis} after it, however long runs take. */
    record FixedRate(long periodMillis) implements Schedule {
        public FixedRate {
            if (periodMillis < 1) {
                throw new IllegalArgumentException("fixed rate period must be at least 1 ms, was " + periodMillis);
            }
        }
    }

    /** Fires at the anchor, then {@code delayMillis} after the previous scheduled run has ended. */
    record FixedDelay(long delayMillis) implements Schedule {
        public FixedDelay {
            if (delayMillis < 1) {
                throw new IllegalArgumentException("fixed delay must be at least 1 ms, was " + delayMillis);
            }
        }
    }

    /** Fires once, at {@code atMillis} (epoch milliseconds). */
    record OneShot(long atMillis) implements Schedule {
        public OneShot {
            if (atMillis < 0) {
                throw new IllegalArgumentException("one-shot instant must not be negative, was " + atMillis);
            }
        }
    }

    /** Never fires on its own; runs only through {@code TriggerJob}. */
    record OnDemand() implements Schedule {
    }
}
