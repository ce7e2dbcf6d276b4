package io.kairos.sim.lincheck;

import java.time.Duration;

/** When a check must give up, on the {@link System#nanoTime()} clock. */
record Deadline(long startNanos, long budgetNanos) {

    static Deadline after(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
        // Duration.toNanos overflows beyond ~292 years; any such timeout means "never".
        long budget = timeout.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : timeout.toNanos();
        return new Deadline(System.nanoTime(), budget);
    }

    boolean passed() {
        // Compare elapsed time, not instants, so that nanoTime's wrap-around cannot matter.
        return System.nanoTime() - startNanos >= budgetNanos;
    }
}
