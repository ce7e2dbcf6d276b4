package io.kairos.sim.sched;

import static org.assertj.core.api.Assertions.assertThat;

import io.kairos.sim.FaultMix;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The same seed gives the same scheduler run: the same state digests in the same order, the same trace. */
class SchedulerDeterminismTest {

    private static final SchedulerParams PARAMS = SchedulerParams.of(3, 30, FaultMix.ALL);

    @Test
    void aSeedRunTwiceGivesTheSameDigestsAndCounters() {
        SchedulerResult first = SchedulerSimulation.run(PARAMS, 42);
        SchedulerResult second = SchedulerSimulation.run(PARAMS, 42);

        assertThat(second).isEqualTo(first);
        assertThat(first.counter("applied Tick")).isGreaterThan(10);
    }

    @Test
    void aSeedRunTwiceGivesTheSameTrace() {
        assertThat(trace(7)).isEqualTo(trace(7)).contains("takes up the leader's duties");
    }

    @Test
    void differentSeedsGiveDifferentRuns() {
        assertThat(SchedulerSimulation.run(PARAMS, 1).fingerprint())
                .isNotEqualTo(SchedulerSimulation.run(PARAMS, 2).fingerprint());
    }

    private static String trace(long seed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SchedulerSimulation.runTraced(PARAMS, seed, new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}
