package io.kairos.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One line of the failover table, read from a system's failover JSON result. */
record FailoverRow(String system, String version, int rounds, long medianMillis, long maxMillis) {

    static FailoverRow of(Map<String, Object> json) {
        return new FailoverRow(W1Row.text(json, "system"), W1Row.text(json, "version"),
                (int) W1Row.number(json, "rounds"), (long) W1Row.number(json, "medianMillis"),
                (long) W1Row.number(json, "maxMillis"));
    }

    static String table(List<FailoverRow> rows) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-16s %-8s %7s %12s %10s%n",
                "system", "version", "rounds", "median ms", "max ms"));
        for (FailoverRow row : rows) {
            out.append(String.format(Locale.ROOT, "%-16s %-8s %7d %12d %10d%n", row.system(), row.version(),
                    row.rounds(), row.medianMillis(), row.maxMillis()));
        }
        return out.toString();
    }
}
