package io.kairos.sim;

import java.io.PrintStream;
import java.util.List;

/** Lets tests in other packages run {@code kairos sim} in this JVM. */
public final class MainAccess {

    private MainAccess() {
    }

    /** Runs {@code sim ...} (the first argument must be "sim"), printing to {@code out}. */
    public static int run(List<String> args, PrintStream out) {
        return SimCommand.run(args.subList(1, args.size()), out, System.err);
    }
}
