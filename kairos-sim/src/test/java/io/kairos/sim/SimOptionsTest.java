package io.kairos.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimOptionsTest {

    @Test
    void defaultsRunAHundredSeedsOfThreeNodesForAHundredAndFiftySecondsWithAllFaults() throws UsageException {
        assertThat(SimOptions.parse(List.of())).isEqualTo(new SimOptions(1, 100, 3, 150, FaultMix.ALL, StorageKind.MEMORY, false));
    }

    @Test
    void everyOptionIsParsed() throws UsageException {
        SimOptions o = SimOptions.parse(List.of("--seeds", "7", "--first-seed", "100", "--nodes", "5",
                "--duration-seconds", "20", "--faults", "network", "--storage", "durable"));
        assertThat(o).isEqualTo(new SimOptions(100, 7, 5, 20, FaultMix.NETWORK, StorageKind.DURABLE, false));
    }

    @Test
    void aSingleSeedReplaysExactlyThatSeed() throws UsageException {
        assertThat(SimOptions.parse(List.of("--seed", "-5", "--trace"))).isEqualTo(
                new SimOptions(-5, 1, 3, 150, FaultMix.ALL, StorageKind.MEMORY, true));
    }

    @Test
    void mistakesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> SimOptions.parse(List.of("--nodes", "4"))).hasMessageContaining("3 or 5");
        assertThatThrownBy(() -> SimOptions.parse(List.of("--seeds"))).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> SimOptions.parse(List.of("--seeds", "x"))).hasMessageContaining("whole number");
        assertThatThrownBy(() -> SimOptions.parse(List.of("--faults", "some"))).hasMessageContaining("none, network");
        assertThatThrownBy(() -> SimOptions.parse(List.of("--bogus", "1"))).hasMessageContaining("unknown option");
        assertThatThrownBy(() -> SimOptions.parse(List.of("--storage", "disk")))
                .hasMessageContaining("--storage must be memory or durable, got disk");
        assertThatThrownBy(() -> SimOptions.parse(List.of("--seed", "1", "--seeds", "2")))
                .hasMessageContaining("cannot be combined");
        assertThatThrownBy(() -> SimOptions.parse(List.of("--trace"))).hasMessageContaining("needs --seed");
    }

    @Test
    void aUsageErrorExitsWithTwoAndPrintsTheUsage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = SimCommand.run(List.of("--nodes", "4"), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: kairos sim");
    }

    @Test
    void aCleanRunExitsWithZeroAndPrintsTheSummary() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = SimCommand.run(List.of("--seeds", "2", "--duration-seconds", "10"),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("seeds run: 2", "violations: 0",
                "messages delivered:", "per second of wall time", "wall time:");
    }

    @Test
    void theReplayCommandNamesEverySettingThatIsNotTheDefault() {
        SimulationResult r = Simulation.run(SimulationParams.of(5, 5, FaultMix.CRASH), 9);
        assertThat(r.replayCommand()).isEqualTo("./kairos sim --seed 9 --nodes 5 --duration-seconds 5 --faults crash");
        SimulationResult durable = Simulation.run(SimulationParams.of(3, 5, FaultMix.ALL, StorageKind.DURABLE), 9);
        assertThat(durable.replayCommand()).isEqualTo("./kairos sim --seed 9 --nodes 3 --duration-seconds 5 --storage durable");
    }

    @Test
    void theSchedulerWorkloadRunsSixtySecondsUnlessToldOtherwise() throws UsageException {
        assertThat(SimOptions.parse(List.of("--workload", "scheduler", "--seed", "3"))).isEqualTo(
                new SimOptions(3, 1, 3, 60, FaultMix.ALL, StorageKind.MEMORY, false, "scheduler"));
        assertThat(SimOptions.parse(List.of("--workload", "scheduler", "--duration-seconds", "20")).durationSeconds())
                .isEqualTo(20);
        assertThatThrownBy(() -> SimOptions.parse(List.of("--workload", "jobs"))).hasMessageContaining("kv or scheduler");
        assertThatThrownBy(() -> SimOptions.parse(List.of("--workload", "scheduler", "--storage", "durable")))
                .hasMessageContaining("memory storage only");
    }

    @Test
    void aCleanSchedulerRunExitsWithZeroAndPrintsItsCounters() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = SimCommand.run(List.of("--workload", "scheduler", "--seed", "5", "--duration-seconds", "20"),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("applied Tick", "violations: 0", "fingerprint: ");
    }
}
