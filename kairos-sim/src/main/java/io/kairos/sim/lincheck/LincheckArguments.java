package io.kairos.sim.lincheck;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The command line of {@code kairos lincheck}, parsed.
 *
 * @param help whether the user asked for the usage, in which case nothing else matters
 * @param model {@code register} or {@code kv}
 * @param timeout how long each file's check may take
 * @param files the history files, as given
 */
record LincheckArguments(boolean help, String model, Duration timeout, List<String> files) {

    static final String USAGE = "usage: kairos lincheck --model register|kv [--timeout-seconds N] FILE...";
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    private static final List<String> MODELS = List.of("register", "kv");

    LincheckArguments {
        Objects.requireNonNull(timeout, "timeout");
        files = List.copyOf(files);
    }

    /**
     * Parses the arguments after {@code kairos lincheck}.
     *
     * @throws IllegalArgumentException saying, for the user, what is wrong with them
     */
    static LincheckArguments parse(String[] args) {
        String model = null;
        Duration timeout = DEFAULT_TIMEOUT;
        List<String> files = new ArrayList<>();
        boolean optionsEnded = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (optionsEnded || !arg.startsWith("-") || arg.equals("-")) {
                files.add(arg);
            } else if (arg.equals("--")) {
                optionsEnded = true;
            } else if (arg.equals("-h") || arg.equals("--help")) {
                return new LincheckArguments(true, null, timeout, List.of());
            } else if (arg.equals("--model")) {
                model = model(valueOf(args, ++i, arg));
            } else if (arg.startsWith("--model=")) {
                model = model(arg.substring("--model=".length()));
            } else if (arg.equals("--timeout-seconds")) {
                timeout = timeout(valueOf(args, ++i, arg));
            } else if (arg.startsWith("--timeout-seconds=")) {
                timeout = timeout(arg.substring("--timeout-seconds=".length()));
            } else {
                throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        if (model == null) {
            throw new IllegalArgumentException("--model register|kv is required");
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no history FILE given");
        }
        return new LincheckArguments(false, model, timeout, files);
    }

    private static String valueOf(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static String model(String name) {
        if (!MODELS.contains(name)) {
            throw new IllegalArgumentException("unknown model '" + name + "', expected register or kv");
        }
        return name;
    }

    private static Duration timeout(String seconds) {
        // Up to 12 digits: a positive long, and far more seconds than anyone waits.
        if (!seconds.matches("\\d{1,12}") || Long.parseLong(seconds) == 0) {
            throw new IllegalArgumentException(
                    "--timeout-seconds needs a positive whole number, not '" + seconds + "'");
        }
        return Duration.ofSeconds(Long.parseLong(seconds));
    }
}
