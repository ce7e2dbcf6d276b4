package io.kairos.client;

import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with jitter: attempt n waits a random time in [d/2, d], d = min(max, base * 2^n). */
final class Backoff {

    private final long baseMillis;
    private final long maxMillis;

    Backoff(long baseMillis, long maxMillis) {
        if (baseMillis < 1 || maxMillis < baseMillis) {
            throw new IllegalArgumentException("backoff needs 1 <= base <= max, got " + baseMillis + ", " + maxMillis);
        }
        this.baseMillis = baseMillis;
        this.maxMillis = maxMillis;
    }

    /** @param retry 0 for the first retry */
    long delayMillis(int retry) {
        long d = baseMillis << Math.min(retry, 20);
        d = Math.min(maxMillis, d);
        return d / 2 + ThreadLocalRandom.current().nextLong(d / 2 + 1);
    }
}
