package io.kairos.storage.snapshot;

import io.kairos.raft.Snapshot;
import io.kairos.raft.SnapshotMeta;
import io.kairos.storage.fsync.Fsync;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Streams one snapshot to a temp file. The state machine writes its content to {@link #content()};
 * {@link #commit()} seals and installs it. Closing without committing discards the temp file, so
 * {@code try (SnapshotWriter w = store.begin(meta)) { ...; w.commit(); }} never leaves debris.
 * Memory use is one buffer, whatever the snapshot's size. Not thread-safe.
 */
public final class SnapshotWriter implements AutoCloseable {

    private static final int BUFFER_BYTES = 64 * 1024;

    private final SnapshotStore store;
    private final SnapshotMeta meta;
    private final Path temp;
    private final FileChannel channel;
    private final OutputStream buffered;
    private final CRC32C contentCrc = new CRC32C();
    private final OutputStream content;
    private long contentBytes;
    private boolean finished;

    SnapshotWriter(SnapshotStore store, SnapshotMeta meta, Path temp) throws IOException {
        this.store = store;
        this.meta = meta;
        this.temp = temp;
        this.channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        this.buffered = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER_BYTES);
        this.content = new ContentStream(buffered);
        try {
            buffered.write(SnapshotFile.encodePrefix(meta).array());
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    public SnapshotMeta meta() {
        return meta;
    }

    /**
     * Where the state machine writes its content. Closing this stream only flushes it: the snapshot
     * ends at {@link #commit()}, so wrapping it in a stream that closes its delegate is harmless.
     */
    public OutputStream content() {
        return content;
    }

    /**
     * Seals the snapshot: appends the footer, forces the file, renames it into place, forces the
     * directory and prunes older snapshots.
     *
     * @return the installed snapshot, backed by its file
     * @throws IllegalStateException if already committed or aborted
     */
    public Snapshot commit() throws IOException {
        ensureOpen();
        finished = true;
        try {
            buffered.write(SnapshotFile.encodeFooter(contentBytes, (int) contentCrc.getValue()).array());
            buffered.flush();
            Fsync.force(channel, temp);
        } catch (IOException e) {
            discard();
            throw e;
        } finally {
            channel.close();
        }
        try {
            return store.install(temp);
        } catch (IOException e) {
            discard();
            throw e;
        }
    }

    /** Discards the temp file unless the snapshot was committed. */
    @Override
    public void close() throws IOException {
        if (!finished) {
            finished = true;
            channel.close();
            discard();
        }
    }

    private void discard() throws IOException {
        Files.deleteIfExists(temp);
    }

    private void ensureOpen() {
        if (finished) {
            throw new IllegalStateException("snapshot writer for " + meta.index() + "@" + meta.term()
                    + " is already committed or aborted");
        }
    }

    /** Counts and checksums the content on its way to the buffer. */
    private final class ContentStream extends FilterOutputStream {

        ContentStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            ensureOpen();
            out.write(b);
            contentCrc.update(b);
            contentBytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ensureOpen();
            out.write(b, off, len);
            contentCrc.update(b, off, len);
            contentBytes += len;
        }

        @Override
        public void close() throws IOException {
            if (!finished) {
                flush();
            }
        }
    }
}
