package io.kairos.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The same seed gives the same run: every delivered message and applied entry, in the same order. */
class DeterminismTest {

    private static final SimulationParams PARAMS = SimulationParams.of(3, 30, FaultMix.ALL);

    @Test
    void aSeedRunTwiceGivesTheSameRun() {
        SimulationResult first = Simulation.run(PARAMS, 42);
        SimulationResult second = Simulation.run(PARAMS, 42);

        assertThat(second).isEqualTo(first);
        assertThat(first.messagesDelivered()).isGreaterThan(1_000);
    }

    @Test
    void aFiveNodeSeedRunTwiceGivesTheSameRun() {
        SimulationParams five = SimulationParams.of(5, 30, FaultMix.ALL);
        assertThat(Simulation.run(five, 7)).isEqualTo(Simulation.run(five, 7));
    }

    @Test
    void aSeedOnDurableStorageRunTwiceGivesTheSameRun() {
        SimulationParams durable = SimulationParams.of(3, 30, FaultMix.ALL, StorageKind.DURABLE);
        SimulationResult first = Simulation.run(durable, 42);

        assertThat(Simulation.run(durable, 42)).isEqualTo(first);
        assertThat(first.messagesDelivered()).isGreaterThan(1_000);
    }

    @Test
    void differentSeedsGiveDifferentRuns() {
        assertThat(Simulation.run(PARAMS, 1).fingerprint()).isNotEqualTo(Simulation.run(PARAMS, 2).fingerprint());
    }

    /**
     * Collections like {@code Set.of} iterate in an order drawn per JVM, so only a second JVM can
     * show that a run does not depend on one.
     */
    @Test
    void aSeedGivesTheSameRunInAnotherJvm() throws IOException, InterruptedException {
        ByteArrayOutputStream here = new ByteArrayOutputStream();
        int exit = SimCommand.run(List.of("--seed", "42", "--duration-seconds", "30"),
                new PrintStream(here, true, StandardCharsets.UTF_8), System.err);
        assertThat(exit).isZero();

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process other = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "io.kairos.sim.Main",
                "sim", "--seed", "42", "--duration-seconds", "30").redirectErrorStream(true).start();
        String there = new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(other.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(fingerprintLine(there)).isEqualTo(fingerprintLine(here.toString(StandardCharsets.UTF_8)));
    }

    private static String fingerprintLine(String output) {
        return output.lines().filter(l -> l.startsWith("fingerprint: ")).findFirst().orElseThrow(
                () -> new AssertionError("no fingerprint in output:\n" + output));
    }
}
