package io.kairos.sim.sched;

import static org.assertj.core.api.Assertions.assertThat;

import io.kairos.sim.FaultMix;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Replays every scheduler seed that ever failed (scheduler-regression-seeds.txt); each must now run clean. */
class SchedulerRegressionSeedsTest {

    record RegressionSeed(long seed, int masters, long durationSeconds, FaultMix faults, String finding) {
        @Override
        public String toString() {
            return "seed " + seed + " (" + masters + " masters, " + durationSeconds + " s): " + finding;
        }
    }

    static List<RegressionSeed> seeds() throws IOException {
        List<RegressionSeed> out = new ArrayList<>();
        try (InputStream in = SchedulerRegressionSeedsTest.class.getResourceAsStream("/scheduler-regression-seeds.txt");
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\\|", 2);
                String[] f = parts[0].trim().split("\\s+");
                out.add(new RegressionSeed(Long.parseLong(f[0]), Integer.parseInt(f[1]), Long.parseLong(f[2]),
                        FaultMix.parse(f[3]), parts.length > 1 ? parts[1].trim() : ""));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seeds")
    void replaysClean(RegressionSeed s) {
        SchedulerResult r = SchedulerSimulation.run(SchedulerParams.of(s.masters(), s.durationSeconds(), s.faults()),
                s.seed());
        assertThat(r.violation()).as(r.replayCommand()).isNull();
    }
}
