package io.kairos.transport;

import java.util.Random;

/**
 * Reconnect delays: {@code initialMillis} doubled per failed attempt up to {@code maxMillis}, each
 * drawn uniformly from its upper half so that peers that lost a node together do not all redial
 * it in the same instant.
 */
public record Backoff(long initialMillis, long maxMillis) {

    public static final Backoff DEFAULT = new Backoff(50, 5_000);

    public Backoff {
        if (initialMillis < 1) {
            throw new IllegalArgumentException("initialMillis must be >= 1, got " + initialMillis);
        }
        if (maxMillis < initialMillis) {
            throw new IllegalArgumentException("maxMillis " + maxMillis + " must be >= initialMillis " + initialMillis);
        }
    }

    /** The delay before reconnect attempt {@code attempt} (0 for the first after a loss). */
    long delayMillis(int attempt, Random random) {
        long ceiling = initialMillis << Math.min(attempt, 30);
        if (ceiling <= 0 || ceiling > maxMillis) {
            ceiling = maxMillis;
        }
        long half = ceiling / 2;
        return half + (long) (random.nextDouble() * (ceiling - half + 1));
    }
}
