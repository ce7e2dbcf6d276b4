package io.kairos.scheduler;

import io.kairos.scheduler.job.CronExpression;
import io.kairos.scheduler.job.JobSpec;
import io.kairos.scheduler.job.Schedule;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Optional;

/**
 * Cron times in a zone. The expression yields wall times; each maps to one instant: a wall time
 * that happens twice (autumn overlap) maps to its first occurrence, one that does not exist (spring
 * gap) maps to the instant the gap ends. That mapping never decreases, so the fires are the distinct
 * instants in order, and two wall times in the same gap make one fire.
 */
final class CronCalendar extends ScheduleCalendar {

    private final CronExpression cron;
    private final ZoneRules rules;
    private final ZoneId zone;
    private final long anchorMillis;

    CronCalendar(JobSpec spec, Schedule.Cron schedule, long anchorMillis) {
        super(spec);
        this.cron = CronExpression.parse(schedule.expression());
        this.zone = ZoneId.of(schedule.zone());
        this.rules = zone.getRules();
        this.anchorMillis = anchorMillis;
    }

    @Override
    long unboundedFirst() {
        return anchorMillis == Long.MIN_VALUE ? NONE : unboundedNextAfter(anchorMillis - 1);
    }

    @Override
    long firstAfter(long millis) {
        long first = first();
        return first > millis || first == NONE ? first : nextAfter(millis);
    }

    @Override
    long unboundedNextAfter(long firedMillis) {
        // Wall times at or before the wall time of firedMillis map to instants at or before it.
        LocalDateTime wall = LocalDateTime.ofInstant(Instant.ofEpochMilli(firedMillis), zone)
                .truncatedTo(ChronoUnit.SECONDS);
        Optional<LocalDateTime> next = cron.nextAfter(wall);
        while (next.isPresent()) {
            long millis = instantOf(next.get());
            if (millis > firedMillis) {
                return millis;
            }
            next = cron.nextAfter(next.get());
        }
        return NONE;
    }

    /** The first instant showing {@code wall}, or the end of the gap that swallows it. */
    long instantOf(LocalDateTime wall) {
        List<ZoneOffset> offsets = rules.getValidOffsets(wall);
        if (offsets.isEmpty()) {
            return rules.getTransition(wall).getInstant().toEpochMilli();
        }
        long earliest = Long.MAX_VALUE;
        for (ZoneOffset offset : offsets) {
            earliest = Math.min(earliest, wall.toInstant(offset).toEpochMilli());
        }
        return earliest;
    }
}
