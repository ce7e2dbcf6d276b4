package io.kairos.api.job;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** When a job fires, as JSON with a {@code "type"}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ScheduleSpec.Cron.class, name = "cron"),
    @JsonSubTypes.Type(value = ScheduleSpec.FixedRate.class, name = "fixedRate"),
    @JsonSubTypes.Type(value = ScheduleSpec.FixedDelay.class, name = "fixedDelay"),
    @JsonSubTypes.Type(value = ScheduleSpec.OneShot.class, name = "oneShot"),
    @JsonSubTypes.Type(value = ScheduleSpec.OnDemand.class, name = "onDemand")
})
public sealed interface ScheduleSpec
        permits ScheduleSpec.Cron, ScheduleSpec.FixedRate, ScheduleSpec.FixedDelay, ScheduleSpec.OneShot,
        ScheduleSpec.OnDemand {

    /** Quartz syntax with seconds ({@code "0/10 * * * * ?"}); {@code zone} an IANA id, default UTC. */
    record Cron(String expression, String zone) implements ScheduleSpec {
    }

    record FixedRate(long periodMillis) implements ScheduleSpec {
    }

    /** {@code delayMillis} after the previous run ended. */
    record FixedDelay(long delayMillis) implements ScheduleSpec {
    }

    /** Once, at {@code atMillis} (epoch milliseconds). */
    record OneShot(long atMillis) implements ScheduleSpec {
    }

    /** Only when triggered. */
    record OnDemand() implements ScheduleSpec {
    }
}
