package io.kairos.scheduler.job;

/**
 * How often a run may fail before it ends failed, and how long it waits between attempts: the
 * retry after the n-th failure is due {@code min(backoffCapMillis, backoffBaseMillis * 2^(n-1))}
 * after the failure was applied.
 */
public record RetryPolicy(int maxAttempts, long backoffBaseMillis, long backoffCapMillis) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max attempts must be at least 1, was " + maxAttempts);
        }
        if (backoffBaseMillis < 0) {
            throw new IllegalArgumentException("backoff base must not be negative, was " + backoffBaseMillis);
        }
        if (backoffCapMillis < backoffBaseMillis) {
            throw new IllegalArgumentException(
                    "backoff cap " + backoffCapMillis + " must not be below the base " + backoffBaseMillis);
        }
    }

    /** One attempt, no retry. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, 0, 0);
    }

    /** The wait before the attempt that follows the {@code failures}-th failure. */
    public long backoffMillis(int failures) {
        long delay = backoffBaseMillis;
        for (int i = 1; i < failures && delay > 0 && delay < backoffCapMillis; i++) {
            delay = delay > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : delay * 2;
        }
        return Math.min(delay, backoffCapMillis);
    }
}
