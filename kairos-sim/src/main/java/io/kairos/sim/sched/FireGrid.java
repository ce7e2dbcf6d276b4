package io.kairos.sim.sched;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * A job's scheduled times, computed without the scheduler's calendar, to judge its firing: every
 * time of the grid up to the job's next fire must have been fired or counted as skipped, once.
 */
sealed interface FireGrid permits FireGrid.Every, FireGrid.CronSeconds, FireGrid.Once {

    boolean contains(long millis);

    /** Times of the grid in {@code [0, toExclusive)}. */
    long countBefore(long toExclusive);

    /**
     * Times {@code origin + k * period} at or after {@code notBefore}. A fixed-rate job is its anchor
     * and period; a cron of a seconds step dividing 60 ({@code "*}{@code /3 * * * * ?"},
     * {@code "7/10 * * * * ?"}) in a zone of whole-minute offsets is the epoch seconds
     * {@code s ≡ first (mod step)}, whatever the zone and its daylight saving.
     */
    record Every(long origin, long periodMillis, long notBefore) implements FireGrid {
        @Override
        public boolean contains(long millis) {
            return millis >= notBefore && Math.floorMod(millis - origin, periodMillis) == 0;
        }

        @Override
        public long countBefore(long toExclusive) {
            long first = notBefore + Math.floorMod(origin - notBefore, periodMillis);
            return toExclusive <= first ? 0 : (toExclusive - first - 1) / periodMillis + 1;
        }
    }

    /**
     * A cron of a seconds step dividing 60 ({@code "*}{@code /3 * * * * ?"}, {@code "7/10 * * * * ?"})
     * in {@code zone}: the epoch seconds {@code s ≡ first (mod step)} (every zone offset is whole
     * minutes), except where the zone changes its offset. Falling back, a wall time that happens
     * twice fires at its first occurrence only, so the repeated hour fires nothing; springing
     * forward, the wall times in the gap all fire at the instant the gap ends, once.
     */
    record CronSeconds(long firstSecond, long stepSeconds, String zone, long notBefore) implements FireGrid {
        @Override
        public boolean contains(long millis) {
            return onGrid(millis) || isGapEnd(millis);
        }

        private boolean onGrid(long millis) {
            if (millis < notBefore || Math.floorMod(millis, 1_000) != 0
                    || Math.floorMod(millis / 1_000 - firstSecond, stepSeconds) != 0) {
                return false;
            }
            ZoneId z = ZoneId.of(zone);
            Instant t = Instant.ofEpochMilli(millis);
            // ofLocal picks the earlier offset of an overlap: the first occurrence.
            return ZonedDateTime.ofLocal(LocalDateTime.ofInstant(t, z), z, null).toInstant().equals(t);
        }

        private boolean isGapEnd(long millis) {
            if (millis < notBefore) {
                return false;
            }
            ZoneOffsetTransition tr = ZoneId.of(zone).getRules()
                    .previousTransition(Instant.ofEpochMilli(millis).plusMillis(1));
            return tr != null && tr.isGap() && tr.getInstant().toEpochMilli() == millis;
        }

        @Override
        public long countBefore(long toExclusive) {
            long step = stepSeconds * 1_000;
            long n = 0;
            for (long t = notBefore + Math.floorMod(firstSecond * 1_000 - notBefore, step); t < toExclusive; t += step) {
                if (onGrid(t)) {
                    n++;
                }
            }
            ZoneRules rules = ZoneId.of(zone).getRules();
            ZoneOffsetTransition tr = rules.nextTransition(Instant.ofEpochMilli(notBefore).minusMillis(1));
            while (tr != null && tr.getInstant().toEpochMilli() < toExclusive) {
                long at = tr.getInstant().toEpochMilli();
                if (tr.isGap() && !onGrid(at)) {
                    n++;
                }
                tr = rules.nextTransition(tr.getInstant());
            }
            return n;
        }
    }

    /** A one-shot job's instant. */
    record Once(long atMillis) implements FireGrid {
        @Override
        public boolean contains(long millis) {
            return millis == atMillis;
        }

        @Override
        public long countBefore(long toExclusive) {
            return atMillis < toExclusive ? 1 : 0;
        }
    }
}
