package io.kairos.storage.snapshot;

import io.kairos.raft.SnapshotPayload;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/** A snapshot's content kept in a checked snapshot file. */
public final class FileSnapshotPayload implements SnapshotPayload {

    private final SnapshotFile file;

    FileSnapshotPayload(SnapshotFile file) {
        this.file = file;
    }

    /** The whole snapshot file (header, content and footer): what {@link SnapshotChunks} sends. */
    public Path path() {
        return file.path();
    }

    /** The content's size, without header and footer. */
    @Override
    public long sizeBytes() {
        return file.contentBytes();
    }

    /**
     * Opens the content for the state machine to restore from. Reading it to the end verifies it:
     * a checksum mismatch throws an {@link IOException} naming the file instead of ending the stream.
     */
    public InputStream openContent() throws IOException {
        return file.openContent();
    }

    SnapshotFile file() {
        return file;
    }

    @Override
    public String toString() {
        return "FileSnapshotPayload[" + file.path() + ", " + file.contentBytes() + " bytes]";
    }
}
