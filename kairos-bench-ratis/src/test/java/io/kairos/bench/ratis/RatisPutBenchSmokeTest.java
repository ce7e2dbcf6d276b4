package io.kairos.bench.ratis;

import io.kairos.bench.harness.BenchArgs;
import io.kairos.bench.harness.W1Result;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** W1 for about two seconds with four writes outstanding: the figures are not checked, only the outcome. */
class RatisPutBenchSmokeTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(30)
    void threeMembersAcknowledgeWritesAndEachHoldsExactlyThoseWrites() throws Exception {
        BenchArgs args = new BenchArgs(dir.resolve("scratch"), 4, Duration.ofMillis(500), Duration.ofMillis(1500),
                Optional.empty());

        W1Result result = RatisPutBench.run(args);

        assertThat(result.run().ops()).isPositive();
        assertThat(result.run().acknowledged()).hasSizeGreaterThanOrEqualTo((int) result.run().ops());
        assertThat(result.verified()).as(result.verification()).isTrue();
        assertThat(result.toJson())
                .startsWith("{\"system\": \"" + RatisPutBench.SYSTEM + "\"")
                .contains("\"concurrency\": 4", "\"verified\": true", "\"p999Micros\": ");
        assertThat(dir.resolve("scratch")).doesNotExist();
    }
}
