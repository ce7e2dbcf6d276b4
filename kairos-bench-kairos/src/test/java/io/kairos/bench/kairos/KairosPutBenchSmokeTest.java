package io.kairos.bench.kairos;

import static org.assertj.core.api.Assertions.assertThat;

import io.kairos.bench.harness.BenchArgs;
import io.kairos.bench.harness.W1Result;
import java.nio.file.Path;
import java.util.Optional;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** W1 on Kairos, briefly: writes are acknowledged and every member holds exactly them. */
class KairosPutBenchSmokeTest {

    @TempDir
    Path dir;

    @Test
    void twoSecondsOfFourWritesInFlightAreAcknowledgedAndOnEveryMember() throws Exception {
        W1Result result = KairosPutBench.run(new BenchArgs(dir.resolve("scratch"), 4, Duration.ofMillis(500),
                Duration.ofSeconds(2), Optional.empty()));

        assertThat(result.verified()).as(result.verification()).isTrue();
        assertThat(result.run().ops()).isPositive();
        assertThat(result.run().failures()).isZero();
        assertThat(result.toJson()).contains("\"system\": \"kairos\"", "\"verified\": true");
    }
}
