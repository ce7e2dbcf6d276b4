package io.kairos.sim.node;

import io.kairos.raft.SnapshotPayload;
import io.kairos.storage.snapshot.SnapshotChunk;
import java.util.List;

/**
 * A snapshot file on its way from a leader's disk to a follower's: the chunks the leader read out
 * of its snapshot store, as a transport would stream them.
 */
record WireSnapshot(List<SnapshotChunk> chunks, long sizeBytes) implements SnapshotPayload {

    WireSnapshot {
        chunks = List.copyOf(chunks);
    }
}
