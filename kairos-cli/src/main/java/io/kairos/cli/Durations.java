package io.kairos.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code 500ms}, {@code 10s}, {@code 5m}, {@code 2h}, {@code 1d}. */
final class Durations {

    private static final Pattern FORM = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private Durations() {
    }

    static long millis(String text, String option) {
        Matcher m = FORM.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(option + " takes a duration like 500ms, 10s, 5m, 2h or 1d; got '"
                    + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> n;
            case "s" -> Duration.ofSeconds(n).toMillis();
            case "m" -> Duration.ofMinutes(n).toMillis();
            case "h" -> Duration.ofHours(n).toMillis();
            default -> Duration.ofDays(n).toMillis();
        };
    }
}
