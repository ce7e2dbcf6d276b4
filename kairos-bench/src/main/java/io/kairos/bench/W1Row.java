package io.kairos.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One line of the comparison table, read from a system's W1 JSON result. */
record W1Row(String system, String version, int concurrency, double opsPerSecond, long p50Micros, long p99Micros,
        long p999Micros, boolean verified) {

    /** Reads the fields every system's W1 main writes; throws if one is missing or of the wrong type. */
    static W1Row of(Map<String, Object> json) {
        return new W1Row(text(json, "system"), text(json, "version"), (int) number(json, "concurrency"),
                number(json, "opsPerSecond"), (long) number(json, "p50Micros"), (long) number(json, "p99Micros"),
                (long) number(json, "p999Micros"), flag(json, "verified"));
    }

    static String table(List<W1Row> rows) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-16s %-8s %11s %12s %10s %10s %10s  %s%n",
                "system", "version", "concurrency", "ops/s", "p50 us", "p99 us", "p99.9 us", "verified"));
        for (W1Row row : rows) {
            out.append(String.format(Locale.ROOT, "%-16s %-8s %11d %12.0f %10d %10d %10d  %s%n", row.system(),
                    row.version(), row.concurrency(), row.opsPerSecond(), row.p50Micros(), row.p99Micros(),
                    row.p999Micros(), row.verified() ? "yes" : "NO"));
        }
        return out.toString();
    }

    private static Object field(Map<String, Object> json, String name) {
        if (!json.containsKey(name)) {
            throw new IllegalArgumentException("result has no field " + name + ": " + json);
        }
        return json.get(name);
    }

    static String text(Map<String, Object> json, String name) {
        if (field(json, name) instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException("field " + name + " is not a string: " + json.get(name));
    }

    static double number(Map<String, Object> json, String name) {
        if (field(json, name) instanceof Double d) {
            return d;
        }
        throw new IllegalArgumentException("field " + name + " is not a number: " + json.get(name));
    }

    private static boolean flag(Map<String, Object> json, String name) {
        if (field(json, name) instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException("field " + name + " is not a boolean: " + json.get(name));
    }
}
