package io.kairos.storage.wal;

import java.nio.ByteBuffer;

/**
 * The header at the start of every segment file: magic, format version, first index and a CRC32C
 * of those three fields.
 *
 * @param firstIndex the index of the segment's first record (also in the file's name)
 */
record SegmentHeader(long firstIndex) {

    static final int MAGIC = 0x4B57414C; // "KWAL"
    static final int VERSION = 1;
    static final int BYTES = 2 * Integer.BYTES + Long.BYTES + Integer.BYTES;

    SegmentHeader {
        if (firstIndex < 1) {
            throw new IllegalArgumentException("segment first index must be >= 1, got " + firstIndex);
        }
    }

    ByteBuffer encode() {
        ByteBuffer out = ByteBuffer.allocate(BYTES);
        out.putInt(MAGIC).putInt(VERSION).putLong(firstIndex);
        out.putInt(RecordFormat.crcOf(out.array(), 0, BYTES - Integer.BYTES));
        return out.flip();
    }

    /**
     * The header in {@code bytes} (exactly {@link #BYTES} long).
     *
     * @throws IllegalArgumentException naming what is wrong: checksum, magic, version or index
     */
    static SegmentHeader decode(ByteBuffer bytes) {
        int crc = RecordFormat.crcOf(bytes.array(), 0, BYTES - Integer.BYTES);
        int magic = bytes.getInt();
        int version = bytes.getInt();
        long firstIndex = bytes.getLong();
        int storedCrc = bytes.getInt();
        if (crc != storedCrc) {
            throw new IllegalArgumentException("segment header checksum mismatch (stored " + Integer.toHexString(storedCrc)
                    + ", computed " + Integer.toHexString(crc) + ")");
        }
        if (magic != MAGIC) {
            throw new IllegalArgumentException("not a segment file: magic " + Integer.toHexString(magic));
        }
        if (version != VERSION) {
            throw new IllegalArgumentException("unsupported segment format version " + version + ", expected " + VERSION);
        }
        return new SegmentHeader(firstIndex);
    }
}
