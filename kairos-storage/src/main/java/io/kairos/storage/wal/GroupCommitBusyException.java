package io.kairos.storage.wal;

/**
 * The {@link GroupCommitLog}'s queue is full: nothing of the rejected append was queued or written,
 * and the caller may retry once earlier appends have completed. Retryable, unlike an I/O failure.
 */
public final class GroupCommitBusyException extends RuntimeException {

    GroupCommitBusyException(int queuedEntries, int maxQueuedEntries) {
        super("group commit queue is full: " + queuedEntries + " of " + maxQueuedEntries
                + " entries waiting; retry after earlier appends complete");
    }
}
