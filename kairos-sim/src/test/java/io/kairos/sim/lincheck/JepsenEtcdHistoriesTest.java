package io.kairos.sim.lincheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Jepsen's etcd register histories, each against the verdict recorded in verdicts.tsv. */
class JepsenEtcdHistoriesTest {

    private static final Path DIRECTORY = SharedTestData.linearizability().resolve("jepsen-etcd");

    static Stream<Arguments> verdicts() throws IOException {
        return verdictLines().stream()
                .map(line -> line.split("\t"))
                .map(fields -> Arguments.of(fields[0], Boolean.parseBoolean(fields[1])));
    }

    private static List<String> verdictLines() throws IOException {
        List<String> lines = Files.readAllLines(DIRECTORY.resolve("verdicts.tsv"), StandardCharsets.UTF_8);
        return lines.subList(1, lines.size()).stream().filter(line -> !line.isBlank()).toList();
    }

    @ParameterizedTest(name = "{0} linearizable: {1}")
    @MethodSource("verdicts")
    void theCheckerAgreesWithTheRecordedVerdict(String file, boolean linearizable) throws IOException {
        var history = JepsenRegisterLogParser.parse(DIRECTORY.resolve(file));

        var result = LinearizabilityChecker.check(new RegisterModel(), history, Duration.ofSeconds(60));

        assertThat(result).isInstanceOf(linearizable
                ? CheckResult.Linearizable.class : CheckResult.NotLinearizable.class);
    }

    @Test
    void everyLogHasAVerdict() throws IOException {
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            List<String> logs = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".log")).toList();
            assertThat(verdicts().map(arguments -> (String) arguments.get()[0]))
                    .containsExactlyInAnyOrderElementsOf(logs)
                    .isNotEmpty();
        }
    }
}
