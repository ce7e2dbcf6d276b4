package io.kairos.bench.harness;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * The failover workload's figures as one-line JSON: for each round, milliseconds from
 * {@code kill -9} of the leader's JVM until a write retried by the client was acknowledged by
 * another member; their median and maximum.
 */
public record FailoverResult(String system, String version, Map<String, String> settings, long[] failoverMillis) {

    public long medianMillis() {
        long[] sorted = failoverMillis.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    public long maxMillis() {
        return LongStream.of(failoverMillis).max().orElse(0);
    }

    public String toJson() {
        String settingsJson = settings.entrySet().stream()
                .map(e -> W1Result.quote(e.getKey()) + ": " + W1Result.quote(e.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
        String rounds = LongStream.of(failoverMillis).mapToObj(Long::toString).collect(Collectors.joining(", ", "[", "]"));
        return String.format(Locale.ROOT,
                "{\"system\": %s, \"version\": %s, \"workload\": \"failover\", \"settings\": %s, "
                        + "\"rounds\": %d, \"failoverMillis\": %s, \"medianMillis\": %d, \"maxMillis\": %d}",
                W1Result.quote(system), W1Result.quote(version), settingsJson, failoverMillis.length, rounds,
                medianMillis(), maxMillis());
    }
}
