package io.kairos.bench.harness;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * W1's command line: {@code scratchDir [concurrency [warmupSeconds [measureSeconds [jsonFile]]]]},
 * defaults 1, 5 and 15. Durations may be fractional.
 */
public record BenchArgs(Path scratch, int concurrency, Duration warmup, Duration measure, Optional<Path> jsonFile) {

    public static BenchArgs parse(String[] args) {
        if (args.length < 1) {
            throw new IllegalArgumentException(
                    "usage: scratchDir [concurrency [warmupSeconds [measureSeconds [jsonFile]]]]");
        }
        return new BenchArgs(Path.of(args[0]),
                args.length > 1 ? Integer.parseInt(args[1]) : 1,
                seconds(args.length > 2 ? args[2] : "5"),
                seconds(args.length > 3 ? args[3] : "15"),
                args.length > 4 ? Optional.of(Path.of(args[4])) : Optional.empty());
    }

    private static Duration seconds(String text) {
        return Duration.ofMillis(Math.round(Double.parseDouble(text) * 1000));
    }
}
