package io.kairos.server.loop;

import io.kairos.raft.Snapshot;
import io.kairos.storage.snapshot.ChunkOutcome;
import io.kairos.storage.snapshot.FileSnapshotPayload;
import io.kairos.storage.snapshot.SnapshotChunk;
import io.kairos.storage.snapshot.SnapshotChunks;
import io.kairos.storage.snapshot.SnapshotReceiver;
import io.kairos.storage.snapshot.SnapshotStore;
import java.io.IOException;

/**
 * Moves a snapshot the transport assembled in its staging area into this node's snapshot store
 * (the storage installs only files of its own store), re-checking every checksum on the way.
 */
final class SnapshotImport {

    private static final int CHUNK_BYTES = 1 << 20;

    private SnapshotImport() {}

    static Snapshot intoStore(Snapshot staged, SnapshotStore store) throws IOException {
        if (!(staged.payload() instanceof FileSnapshotPayload file)) {
            throw new IllegalArgumentException("snapshot " + staged.index() + " has no file: " + staged.payload());
        }
        if (store.directory().equals(file.path().getParent())) {
            return staged;
        }
        try (SnapshotChunks chunks = SnapshotChunks.open(file, CHUNK_BYTES);
                SnapshotReceiver receiver = store.receiver()) {
            long offset = 0;
            while (true) {
                SnapshotChunk chunk = chunks.chunkAt(offset);
                ChunkOutcome outcome = receiver.accept(chunk);
                if (outcome instanceof ChunkOutcome.Installed installed) {
                    return installed.snapshot();
                }
                if (!(outcome instanceof ChunkOutcome.Accepted accepted)) {
                    throw new IOException("copying snapshot " + file + " into " + store.directory() + " failed: " + outcome);
                }
                offset = accepted.nextOffset();
            }
        }
    }
}
