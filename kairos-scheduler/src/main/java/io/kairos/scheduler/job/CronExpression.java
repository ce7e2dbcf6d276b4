package io.kairos.scheduler.job;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * A parsed Quartz cron expression over <em>wall-clock</em> times. The only class that touches
 * cron-utils: it is asked for wall times in UTC, where no daylight-saving transition exists, and
 * the caller maps wall times to instants in the job's zone with rules of our own. So cron-utils'
 * own handling of zones never decides a fire, and its (debug-only) slf4j logging never reaches state.
 */
public final class CronExpression {

    private final String expression;
    private final ExecutionTime executionTime;

    private CronExpression(String expression, ExecutionTime executionTime) {
        this.expression = expression;
        this.executionTime = executionTime;
    }

    /** Parses a Quartz expression (six or seven fields, seconds first). */
    public static CronExpression parse(String expression) {
        try {
            CronParser parser = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));
            return new CronExpression(expression, ExecutionTime.forCron(parser.parse(expression).validate()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid cron expression '" + expression + "': " + e.getMessage());
        } catch (RuntimeException e) {
            // cron-utils 9.2.1 throws other exceptions on some bad input ("0/10 | * * * ?" gives an
            // ArrayIndexOutOfBoundsException). Bad input must be rejected precisely, never thrown out
            // of a decode: the state machine answers it with Rejected on every master.
            throw new IllegalArgumentException("invalid cron expression '" + expression + "': " + e);
        }
    }

    /** The most months {@link #nextAfter} steps over days that cron-utils cannot build. */
    static final int MAX_MONTHS_SKIPPED = 60;

    /**
     * The first wall time strictly after {@code wallTime} that matches, if the expression has one.
     *
     * <p>cron-utils 9.2.1 builds the nearest-weekday day of {@code 31W} (or {@code 30W}, {@code 29W})
     * as a date and throws for a month that lacks it ({@code Invalid date 'FEBRUARY 31'}). Quartz
     * fires nothing in such a month, so the search starts again at the next month, and so on for at
     * most {@link #MAX_MONTHS_SKIPPED} months: a Tick must never throw, or every master would fail
     * on the same committed entry.
     */
    public Optional<LocalDateTime> nextAfter(LocalDateTime wallTime) {
        LocalDateTime from = wallTime;
        LocalDate month = wallTime.toLocalDate().withDayOfMonth(1);
        for (int skipped = 0; skipped <= MAX_MONTHS_SKIPPED; skipped++) {
            try {
                return executionTime.nextExecution(ZonedDateTime.of(from, ZoneOffset.UTC))
                        .map(ZonedDateTime::toLocalDateTime);
            } catch (DateTimeException e) {
                month = month.plusMonths(1);
                from = month.atStartOfDay();
                if (matches(from)) {
                    return Optional.of(from); // searching strictly after it would miss it
                }
            }
        }
        return Optional.empty();
    }

    private boolean matches(LocalDateTime wallTime) {
        try {
            return executionTime.isMatch(ZonedDateTime.of(wallTime, ZoneOffset.UTC));
        } catch (DateTimeException e) {
            return false; // the same missing day: nothing matches in that month
        }
    }

    @Override
    public String toString() {
        return expression;
    }
}
