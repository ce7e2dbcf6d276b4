package io.kairos.api.worker;

/**
 * {@code POST /v1/workers/{workerId}/logs}: the full output of one attempt, as the worker keeps it,
 * in answer to a {@link PollResponse#logRequests()} entry.
 *
 * @param found false when the worker has no log for the attempt (never ran here, or cleaned up)
 * @param content the log's last {@link #MAX_CHARS} characters (all of it when shorter)
 * @param truncated whether earlier output was left out
 */
public record LogUpload(long runId, int attempt, boolean found, String content, boolean truncated) {

    /** The most a log upload carries, in characters. */
    public static final int MAX_CHARS = 512 * 1024;
}
