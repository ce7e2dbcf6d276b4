package io.kairos.sim.sched;

import static org.assertj.core.api.Assertions.assertThat;

import io.kairos.sim.FaultMix;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

    /** Hash-ordered collections differ between JVMs; only a second JVM shows a run depends on none. */
    @Test
    void aSeedGivesTheSameRunInAnotherJvm() throws Exception {
        List<String> args = List.of("sim", "--workload", "scheduler", "--seed", "42", "--duration-seconds", "30");
        ByteArrayOutputStream here = new ByteArrayOutputStream();
        int exit = io.kairos.sim.MainAccess.run(args, new PrintStream(here, true, StandardCharsets.UTF_8));
        assertThat(exit).isZero();

        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "io.kairos.sim.Main"));
        command.addAll(args);
        Process other = new ProcessBuilder(command).redirectErrorStream(true).start();
        String there = new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(other.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(fingerprintLine(there)).isEqualTo(fingerprintLine(here.toString(StandardCharsets.UTF_8)));
    }

    private static String fingerprintLine(String output) {
        return output.lines().filter(l -> l.startsWith("fingerprint: ")).findFirst().orElseThrow(
                () -> new AssertionError("no fingerprint in output:\n" + output));
    }

    private static String trace(long seed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SchedulerSimulation.runTraced(PARAMS, seed, new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}
