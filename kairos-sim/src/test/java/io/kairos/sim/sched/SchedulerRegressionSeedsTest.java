package io.kairos.sim.sched;

import static org.assertj.core.api.Assertions.assertThat;

import io.kairos.sim.RegressionSeed;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Replays every scheduler seed that ever failed (scheduler-regression-seeds.txt); each must now run clean. */
class SchedulerRegressionSeedsTest {

    static List<RegressionSeed> seeds() throws IOException {
        return RegressionSeed.read("/scheduler-regression-seeds.txt");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seeds")
    void replaysClean(RegressionSeed s) {
        SchedulerResult r = SchedulerSimulation.run(SchedulerParams.of(s.nodes(), s.durationSeconds(), s.faults()),
                s.seed());
        assertThat(r.violation()).as(r.replayCommand()).isNull();
    }
}
