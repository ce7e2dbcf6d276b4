package io.kairos.bench.harness;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * W1's figures as the one-line JSON object that {@code io.kairos.bench.CompareBench} reads from the
 * last line of this JVM's stdout: system, version, settings, concurrency, ops, seconds,
 * opsPerSecond, p50Micros, p99Micros, p999Micros, verified (plus failures and the check's detail).
 */
public record W1Result(String system, String version, Map<String, String> settings, int concurrency,
        PutWorkload.Result run, boolean verified, String verification) {

    public String toJson() {
        String settingsJson = settings.entrySet().stream()
                .map(e -> quote(e.getKey()) + ": " + quote(e.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
        return String.format(Locale.ROOT,
                "{\"system\": %s, \"version\": %s, \"workload\": \"W1 replicated put\", \"settings\": %s, "
                        + "\"concurrency\": %d, \"ops\": %d, \"seconds\": %.3f, \"opsPerSecond\": %.1f, "
                        + "\"p50Micros\": %d, \"p99Micros\": %d, \"p999Micros\": %d, \"failures\": %d, "
                        + "\"verified\": %b, \"verification\": %s}",
                quote(system), quote(version), settingsJson, concurrency, run.ops(), run.seconds(),
                run.opsPerSecond(), run.latencyMicros().getValueAtPercentile(50),
                run.latencyMicros().getValueAtPercentile(99), run.latencyMicros().getValueAtPercentile(99.9),
                run.failures(), verified, quote(verification));
    }

    public static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c < 0x20 ? String.format(Locale.ROOT, "\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }
}
