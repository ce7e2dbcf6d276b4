package io.kairos.worker;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Capped exponential backoff with jitter, so many workers cut off by the same outage do not all
 * come back in the same millisecond. Not thread-safe: one per retry loop.
 */
final class Backoff {

    private final long baseMillis;
    private final long capMillis;
    private int failures;

    Backoff(long baseMillis, long capMillis) {
        if (baseMillis <= 0 || capMillis < baseMillis) {
            throw new IllegalArgumentException("backoff needs 0 < base <= cap, got " + baseMillis + ", " + capMillis);
        }
        this.baseMillis = baseMillis;
        this.capMillis = capMillis;
    }

    /** The next pause: between half and all of {@code min(cap, base * 2^failures)}. */
    long nextDelayMillis() {
        long ceiling = Math.min(capMillis, baseMillis << Math.min(failures, 20));
        failures++;
        return ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
    }

    void reset() {
        failures = 0;
    }
}
