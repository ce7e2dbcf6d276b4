package io.kairos.scheduler.job;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
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

    /** The first wall time strictly after {@code wallTime} that matches, if the expression has one. */
    public Optional<LocalDateTime> nextAfter(LocalDateTime wallTime) {
        return executionTime.nextExecution(ZonedDateTime.of(wallTime, ZoneOffset.UTC))
                .map(ZonedDateTime::toLocalDateTime);
    }

    @Override
    public String toString() {
        return expression;
    }
}
