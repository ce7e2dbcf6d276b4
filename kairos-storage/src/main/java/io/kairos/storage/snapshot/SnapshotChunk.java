package io.kairos.storage.snapshot;

import java.util.Arrays;

/**
 * One piece of a snapshot file on its way from leader to follower.
 *
 * @param index the snapshot's last included index, identifying the transfer with {@code term}
 * @param term the snapshot's term
 * @param offset where {@code bytes} start in the snapshot file
 * @param bytes the file's bytes at {@code offset}; copied in and out, so a chunk is immutable
 * @param last whether these bytes end the file
 * @param totalCrc the CRC32C of the whole file, which the receiver checks after the last chunk
 */
public record SnapshotChunk(long index, long term, long offset, byte[] bytes, boolean last, int totalCrc) {

    public SnapshotChunk {
        if (index < 1 || term < 1) {
            throw new IllegalArgumentException("a transferred snapshot needs index and term >= 1, got "
                    + index + "@" + term);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0, got " + offset);
        }
        if (bytes == null) {
            throw new IllegalArgumentException("bytes must not be null");
        }
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Where the next chunk starts. */
    public long endOffset() {
        return offset + bytes.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SnapshotChunk c && index == c.index && term == c.term && offset == c.offset
                && last == c.last && totalCrc == c.totalCrc && Arrays.equals(bytes, c.bytes);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(offset) * 31 + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "SnapshotChunk[" + index + "@" + term + ", offset=" + offset + ", " + bytes.length + " bytes"
                + (last ? ", last" : "") + "]";
    }
}
