package io.kairos.storage;

import io.kairos.raft.LogEntry;

/**
 * Decides when a node snapshots its state machine: once the log since the last snapshot holds more
 * than {@link Policy#maxEntries} entries, or once more than {@link Policy#maxBytes} bytes of entries
 * were applied since the last snapshot was taken. The snapshot is then taken
 * {@link Policy#retainedEntries} entries below the applied index, so that the log keeps that tail
 * and followers only slightly behind catch up from the log rather than from a snapshot.
 *
 * <p>The applier feeds it every applied entry; it reads no files and keeps two numbers.
 */
public final class SnapshotTrigger {

    /**
     * @param maxEntries snapshot once the log after the last snapshot holds more entries than this
     * @param maxBytes snapshot once more entry bytes than this were applied since the last snapshot
     * @param retainedEntries entries kept in the log below the applied index after a snapshot
     */
    public record Policy(long maxEntries, long maxBytes, long retainedEntries) {

        public Policy {
            if (maxEntries < 1 || maxBytes < 1 || retainedEntries < 0) {
                throw new IllegalArgumentException("need maxEntries >= 1, maxBytes >= 1, retainedEntries >= 0, got "
                        + maxEntries + ", " + maxBytes + ", " + retainedEntries);
            }
            if (retainedEntries >= maxEntries) {
                throw new IllegalArgumentException("retainedEntries (" + retainedEntries
                        + ") must be below maxEntries (" + maxEntries + "), or every snapshot would be due at once");
            }
        }

        /** 100,000 entries or 64 MiB, keeping the last 5,000 entries in the log. */
        public static Policy defaults() {
            return new Policy(100_000, 64L << 20, 5_000);
        }
    }

    private final Policy policy;
    /** Index of the latest snapshot. */
    private long snapshotIndex;
    /** Highest index applied. Invariant: snapshotIndex <= appliedIndex. */
    private long appliedIndex;
    /** Entry bytes applied since the latest snapshot was taken. */
    private long bytesSinceSnapshot;

    public SnapshotTrigger(Policy policy, long snapshotIndex) {
        this.policy = policy;
        this.snapshotIndex = snapshotIndex;
        this.appliedIndex = snapshotIndex;
    }

    /** The applier applied {@code entry}. */
    public void onApplied(LogEntry entry) {
        if (entry.index() <= appliedIndex) {
            throw new IllegalStateException("entry " + entry.index() + " applied again after " + appliedIndex);
        }
        appliedIndex = entry.index();
        bytesSinceSnapshot += entry.sizeBytes();
    }

    /**
     * The index to snapshot at now, or -1 if no snapshot is due: the applied index minus the retained
     * tail, once either threshold is passed and that index is beyond the latest snapshot.
     */
    public long dueIndex() {
        boolean due = appliedIndex - snapshotIndex > policy.maxEntries() || bytesSinceSnapshot > policy.maxBytes();
        long index = appliedIndex - policy.retainedEntries();
        return due && index > snapshotIndex ? index : -1;
    }

    /** A snapshot at {@code index} was taken, or installed from the leader. */
    public void onSnapshot(long index) {
        if (index <= snapshotIndex) {
            return;
        }
        snapshotIndex = index;
        appliedIndex = Math.max(appliedIndex, index);
        bytesSinceSnapshot = 0;
    }
}
