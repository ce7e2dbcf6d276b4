package io.kairos.storage.snapshot;

import io.kairos.raft.Snapshot;
import io.kairos.storage.fsync.Fsync;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Receives one snapshot file in chunks, strictly in order, into a temp file; after the last chunk
 * it checks the whole file's CRC32C, the header and the content checksum, and only then installs
 * the snapshot atomically into the {@link SnapshotStore}. Anything short of that leaves the store
 * as it was.
 *
 * <p>A transfer is identified by the snapshot's index, term and total CRC. A chunk of another
 * transfer at offset 0 abandons the current one and starts the new one (the leader moved on); at
 * any other offset it is answered with {@code Resend(0)}. Closing the receiver discards an
 * unfinished transfer. Not thread-safe.
 */
public final class SnapshotReceiver implements AutoCloseable {

    private final SnapshotStore store;

    /** The transfer under way, or null between transfers. */
    private Transfer transfer;

    SnapshotReceiver(SnapshotStore store) {
        this.store = store;
    }

    /** Writes {@code chunk} if it is the one expected and says what the sender should do next. */
    public ChunkOutcome accept(SnapshotChunk chunk) throws IOException {
        if (chunk.offset() == 0 && (transfer == null || !transfer.isOf(chunk))) {
            discard();
            transfer = new Transfer(chunk, store.newTempFile("receive-"));
        }
        if (transfer == null || !transfer.isOf(chunk)) {
            return new ChunkOutcome.Resend(0);
        }
        if (chunk.offset() != transfer.nextOffset) {
            return new ChunkOutcome.Resend(transfer.nextOffset);
        }
        transfer.append(chunk.bytes());
        if (!chunk.last()) {
            return new ChunkOutcome.Accepted(transfer.nextOffset);
        }
        return finish(chunk);
    }

    private ChunkOutcome finish(SnapshotChunk last) throws IOException {
        Transfer done = transfer;
        int received = (int) done.crc.getValue();
        if (received != done.totalCrc) {
            return reject(String.format("the %d bytes received sum to CRC32C 0x%08x, the sender announced 0x%08x",
                    done.nextOffset, received, done.totalCrc));
        }
        Fsync.force(done.channel, done.temp);
        done.channel.close();
        SnapshotFile file;
        try {
            file = SnapshotFile.read(done.temp);
            drain(file);
        } catch (IOException e) {
            return reject("the received file is not a valid snapshot: " + e.getMessage());
        }
        if (file.meta().index() != last.index() || file.meta().term() != last.term()) {
            return reject("the file holds snapshot " + file.meta().index() + "@" + file.meta().term()
                    + " but was sent as " + last.index() + "@" + last.term());
        }
        transfer = null;
        Snapshot installed = store.install(done.temp);
        return new ChunkOutcome.Installed(installed);
    }

    /** Reads the content through its checksum, so that a snapshot corrupt at the sender is never installed. */
    private static void drain(SnapshotFile file) throws IOException {
        byte[] sink = new byte[64 * 1024];
        try (InputStream in = file.openContent()) {
            while (in.read(sink) >= 0) {
                // reading is the check
            }
        }
    }

    private ChunkOutcome reject(String reason) throws IOException {
        discard();
        return new ChunkOutcome.Rejected(reason);
    }

    /** Discards an unfinished transfer and its temp file. */
    @Override
    public void close() throws IOException {
        discard();
    }

    private void discard() throws IOException {
        if (transfer != null) {
            Transfer abandoned = transfer;
            transfer = null;
            abandoned.channel.close();
            Files.deleteIfExists(abandoned.temp);
        }
    }

    /** One snapshot's bytes so far. Invariant: {@code nextOffset} bytes are in {@code temp} and {@code crc}. */
    private static final class Transfer {

        final long index;
        final long term;
        final int totalCrc;
        final Path temp;
        final FileChannel channel;
        final CRC32C crc = new CRC32C();
        long nextOffset;

        Transfer(SnapshotChunk first, Path temp) throws IOException {
            this.index = first.index();
            this.term = first.term();
            this.totalCrc = first.totalCrc();
            this.temp = temp;
            this.channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        }

        boolean isOf(SnapshotChunk chunk) {
            // The total CRC is part of the identity: a leader that rewrote the snapshot at the same
            // position may have produced different bytes, and mixing the two files would be corrupt.
            return chunk.index() == index && chunk.term() == term && chunk.totalCrc() == totalCrc;
        }

        void append(byte[] bytes) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer, nextOffset + buffer.position());
            }
            crc.update(bytes);
            nextOffset += bytes.length;
        }
    }
}
