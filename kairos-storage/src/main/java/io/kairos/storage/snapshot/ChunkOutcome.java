package io.kairos.storage.snapshot;

import io.kairos.raft.Snapshot;

/**
 * What a {@link SnapshotReceiver} did with a chunk: expected outcomes of a transfer over an
 * unreliable network, so values rather than exceptions. The follower reports them to the leader.
 */
public sealed interface ChunkOutcome
        permits ChunkOutcome.Accepted, ChunkOutcome.Resend, ChunkOutcome.Installed, ChunkOutcome.Rejected {

    /** The chunk was written; the sender continues at {@code nextOffset}. */
    record Accepted(long nextOffset) implements ChunkOutcome {
    }

    /**
     * The chunk was not at the offset expected (a chunk was lost, duplicated or reordered, or the
     * receiver restarted); the sender resumes at {@code expectedOffset}.
     */
    record Resend(long expectedOffset) implements ChunkOutcome {
    }

    /** The last chunk arrived, the file checked out, and the snapshot is installed. */
    record Installed(Snapshot snapshot) implements ChunkOutcome {
    }

    /**
     * The transfer failed its checks and was discarded, nothing installed; the sender starts over
     * at offset 0.
     */
    record Rejected(String reason) implements ChunkOutcome {
    }
}
