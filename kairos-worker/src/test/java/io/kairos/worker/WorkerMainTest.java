package io.kairos.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class WorkerMainTest {

    private final WorkerMain.DurationConverter durations = new WorkerMain.DurationConverter();

    @Test
    void durationsReadAsOperatorsWriteThem() {
        assertThat(durations.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(durations.convert("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(durations.convert("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(durations.convert("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(durations.convert("PT45S")).isEqualTo(Duration.ofSeconds(45));
        assertThatThrownBy(() -> durations.convert("soon")).isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessageContaining("'soon' is not a duration");
    }

    @Test
    void theDefaultIdIsAValidWorkerId() {
        assertThat(WorkerMain.defaultId()).matches("[A-Za-z0-9._-]{1,128}");
    }

    @Test
    void theReservedShellTagOrABadIdIsAUsageError() {
        assertThat(WorkerMain.run("--masters", "http://127.0.0.1:1", "--tags", "kairos.shell")).isEqualTo(2);
        assertThat(WorkerMain.run("--masters", "http://127.0.0.1:1", "--id", "no spaces")).isEqualTo(2);
        assertThat(WorkerMain.run("--masters", "127.0.0.1:1")).isEqualTo(2);
    }

    @Test
    void configRejectsWhatCannotWork() {
        List<URI> masters = List.of(URI.create("http://127.0.0.1:1"));
        assertThatThrownBy(() -> WorkerConfig.builder("w1", masters).capacity(0).build())
                .hasMessage("capacity must be at least 1, got 0");
        assertThatThrownBy(() -> WorkerConfig.builder("w".repeat(129), masters).build())
                .hasMessageContaining("must be 1 to 128 of");
        assertThatThrownBy(() -> WorkerConfig.builder("w1", List.of()).build())
                .hasMessage("a worker needs at least one master URL");
        assertThat(WorkerConfig.builder("w1", List.of(URI.create("http://h:1/"))).build().masters())
                .containsExactly(URI.create("http://h:1"));
    }

    @Test
    void theWorkerDependsOnNeitherServerNorScheduler() {
        assertThatThrownBy(() -> Class.forName("io.kairos.server.KairosServer")).isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("io.kairos.scheduler.package-info"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThat(getClass().getClassLoader().getResource("io/kairos/scheduler")).isNull();
        assertThat(getClass().getClassLoader().getResource("io/kairos/server")).isNull();
    }
}
