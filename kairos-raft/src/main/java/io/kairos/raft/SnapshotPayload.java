package io.kairos.raft;

/**
 * The state machine's content at a snapshot's index. Opaque to the core: the simulator keeps an
 * immutable copy of its map, the storage layer keeps a checksummed file.
 */
public interface SnapshotPayload {

    /** Size in bytes, for accounting only. */
    long sizeBytes();
}
