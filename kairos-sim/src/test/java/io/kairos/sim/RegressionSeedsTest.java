package io.kairos.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Replays every seed that ever found a bug (regression-seeds.txt); each must now run clean. */
class RegressionSeedsTest {

    static List<RegressionSeed> seeds() throws IOException {
        return RegressionSeed.read("/regression-seeds.txt");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seeds")
    void replaysClean(RegressionSeed s) {
        SimulationResult r = Simulation.run(SimulationParams.of(s.nodes(), s.durationSeconds(), s.faults()), s.seed());
        assertThat(r.violation()).as(r.replayCommand()).isNull();
    }
}
