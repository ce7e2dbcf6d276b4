package io.kairos.storage.snapshot;

import io.kairos.raft.SnapshotMeta;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * A snapshot file cut into chunks of at most {@code maxChunkBytes}, read on demand at any offset,
 * so a sender can resume wherever the receiver asks. Opening reads the file once to compute its
 * total CRC32C; memory stays bounded by the chunk size. Keeps the file open until {@link #close()},
 * so a prune during the transfer does not cut it short on POSIX systems.
 */
public final class SnapshotChunks implements AutoCloseable {

    private final SnapshotMeta meta;
    private final Path path;
    private final FileChannel channel;
    private final int maxChunkBytes;
    private final long sizeBytes;
    private final int totalCrc;

    private SnapshotChunks(SnapshotMeta meta, Path path, FileChannel channel, int maxChunkBytes) throws IOException {
        this.meta = meta;
        this.path = path;
        this.channel = channel;
        this.maxChunkBytes = maxChunkBytes;
        this.sizeBytes = channel.size();
        this.totalCrc = crcOf(channel);
    }

    /**
     * Opens the file behind {@code payload} for chunked reading.
     *
     * @param maxChunkBytes the largest chunk, at least 1
     * @throws IllegalArgumentException for the initial snapshot at index 0, which every node has and
     *     nobody sends
     */
    public static SnapshotChunks open(FileSnapshotPayload payload, int maxChunkBytes) throws IOException {
        if (maxChunkBytes < 1) {
            throw new IllegalArgumentException("maxChunkBytes must be >= 1, got " + maxChunkBytes);
        }
        SnapshotFile file = payload.file();
        if (file.meta().index() < 1) {
            throw new IllegalArgumentException("snapshot " + file.path() + " is at index 0; there is nothing to send");
        }
        FileChannel channel = FileChannel.open(file.path(), StandardOpenOption.READ);
        try {
            return new SnapshotChunks(file.meta(), file.path(), channel, maxChunkBytes);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    public SnapshotMeta meta() {
        return meta;
    }

    /** The whole file's size: the offset after the last chunk. */
    public long sizeBytes() {
        return sizeBytes;
    }

    public int totalCrc() {
        return totalCrc;
    }

    /**
     * The chunk starting at {@code offset}.
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= offset < sizeBytes()}
     */
    public SnapshotChunk chunkAt(long offset) throws IOException {
        if (offset < 0 || offset >= sizeBytes) {
            throw new IndexOutOfBoundsException("chunk offset " + offset + " outside [0, " + sizeBytes + ") of " + path);
        }
        int length = (int) Math.min(maxChunkBytes, sizeBytes - offset);
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, offset + buffer.position()) < 0) {
                throw new IOException("snapshot file " + path + " shrank to " + (offset + buffer.position())
                        + " bytes while being sent; it was " + sizeBytes);
            }
        }
        return new SnapshotChunk(meta.index(), meta.term(), offset, buffer.array(), offset + length == sizeBytes,
                totalCrc);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private static int crcOf(FileChannel channel) throws IOException {
        CRC32C crc = new CRC32C();
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        long position = 0;
        int n;
        while ((n = channel.read(buffer.clear(), position)) > 0) {
            crc.update(buffer.flip());
            position += n;
        }
        return (int) crc.getValue();
    }
}
