package io.kairos.sim.lincheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Porcupine's key-value histories: cNN-ok files are linearizable, cNN-bad ones are not, and the
 * c50 ones, fifty clients strong, are the performance case.
 */
class KvHistoriesTest {

    private static final Path DIRECTORY = SharedTestData.linearizability().resolve("kv");

    static Stream<String> files() throws IOException {
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".txt"))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void theCheckerAgreesWithTheFilesName(String file) throws IOException {
        var history = EdnKvHistoryParser.parse(DIRECTORY.resolve(file));

        long start = System.nanoTime();
        var result = LinearizabilityChecker.check(new KvModel(), history, Duration.ofSeconds(60));
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("%s: %d operations, %s in %d ms%n",
                file, history.size(), result.getClass().getSimpleName(), elapsedMillis);

        if (file.endsWith("-ok.txt")) {
            assertThat(result).isInstanceOf(CheckResult.Linearizable.class);
        } else {
            assertThat(result).isInstanceOf(CheckResult.NotLinearizable.class);
            var failure = (CheckResult.NotLinearizable<KvInput, KvOutput>) result;
            assertThat(failure.pending()).isNotEmpty()
                    .allSatisfy(op -> assertThat(op.input().key()).isEqualTo(failure.key()));
        }
    }
}
