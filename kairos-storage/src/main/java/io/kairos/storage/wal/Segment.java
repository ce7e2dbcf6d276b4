package io.kairos.storage.wal;

import io.kairos.raft.LogEntry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * One open segment file and the in-memory index of its records: the offset and term of each, so
 * that neither {@code term} nor {@code entries} scans the file; it also reads single records back.
 */
final class Segment {

    final Path path;
    final long firstIndex;
    final FileChannel channel;

    /** {@code offsets[i]} is where the record of {@code firstIndex + i} starts; valid below {@code count}. */
    private long[] offsets = new long[16];
    private long[] terms = new long[16];
    private int count;
    /** Bytes of the file in use: header plus records. Invariant: the file holds nothing after it. */
    private long sizeBytes = SegmentHeader.BYTES;

    Segment(Path path, long firstIndex, FileChannel channel) {
        this.path = path;
        this.firstIndex = firstIndex;
        this.channel = channel;
    }

    int count() {
        return count;
    }

    long sizeBytes() {
        return sizeBytes;
    }

    /** The last index held, or {@code firstIndex - 1} when empty. */
    long lastIndex() {
        return firstIndex + count - 1;
    }

    /** Records that the entry {@code lastIndex() + 1} was written at {@code sizeBytes()}, taking {@code recordBytes}. */
    void add(long term, int recordBytes) {
        if (count == offsets.length) {
            offsets = Arrays.copyOf(offsets, count * 2);
            terms = Arrays.copyOf(terms, count * 2);
        }
        offsets[count] = sizeBytes;
        terms[count] = term;
        count++;
        sizeBytes += recordBytes;
    }

    long term(long index) {
        return terms[slot(index)];
    }

    long offset(long index) {
        return offsets[slot(index)];
    }

    int recordBytes(long index) {
        int slot = slot(index);
        long end = slot + 1 < count ? offsets[slot + 1] : sizeBytes;
        return (int) (end - offsets[slot]);
    }

    /**
     * The entry at {@code index}, read back from the file and checked against its checksum.
     *
     * @throws CorruptLogException if the record changed since it was written
     */
    LogEntry read(long index) throws IOException {
        long offset = offset(index);
        ByteBuffer record = ByteBuffer.allocate(recordBytes(index));
        if (SegmentRecovery.readFully(channel, record, offset) < record.capacity()) {
            throw new CorruptLogException(path, offset, "file ends inside the record of entry " + index);
        }
        int bodyBytes = record.getInt(0);
        int storedCrc = record.getInt(Integer.BYTES);
        int expectedBodyBytes = record.capacity() - RecordFormat.PREFIX_BYTES;
        int crc = RecordFormat.crcOf(record.array(), RecordFormat.PREFIX_BYTES, expectedBodyBytes);
        if (bodyBytes != expectedBodyBytes || crc != storedCrc) {
            throw new CorruptLogException(path, offset, "record of entry " + index + " changed since it was written");
        }
        LogEntry entry;
        try {
            entry = RecordFormat.decodeBody(record.position(RecordFormat.PREFIX_BYTES));
        } catch (IllegalArgumentException e) {
            throw new CorruptLogException(path, offset, "record does not decode: " + e.getMessage(), e);
        }
        if (entry.index() != index) {
            throw new CorruptLogException(path, offset, "record holds index " + entry.index() + ", expected " + index);
        }
        return entry;
    }

    /** Forgets the records at and after {@code index}; returns the file offset where they started. */
    long forgetFrom(long index) {
        long cut = index == lastIndex() + 1 ? sizeBytes : offset(index);
        count = (int) (index - firstIndex);
        sizeBytes = cut;
        return cut;
    }

    private int slot(long index) {
        long slot = index - firstIndex;
        if (slot < 0 || slot >= count) {
            throw new IllegalStateException(
                    "index " + index + " is not in segment " + path + " holding [" + firstIndex + ", " + lastIndex() + "]");
        }
        return (int) slot;
    }

    @Override
    public String toString() {
        return path.getFileName() + "[" + firstIndex + ", " + lastIndex() + "]";
    }
}
