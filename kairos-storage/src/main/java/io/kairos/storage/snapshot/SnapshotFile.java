package io.kairos.storage.snapshot;

import io.kairos.raft.SnapshotMeta;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * The layout of one snapshot file, and a file whose prefix and footer were checked against it.
 *
 * <pre>
 * magic "KSNP" | version | header length | header (SnapshotHeader) | CRC32C of all before it
 * content (the state machine's bytes, streamed)
 * content length (long) | CRC32C of content | magic "KSNE"
 * </pre>
 *
 * The content length and checksum sit in a footer because the content is streamed and neither is
 * known until it ends. All numbers are big-endian.
 *
 * @param path the file
 * @param meta the snapshot's position and membership, from the header
 * @param contentOffset where the content starts
 * @param contentBytes the content's length
 * @param contentCrc the content's CRC32C
 */
record SnapshotFile(Path path, SnapshotMeta meta, long contentOffset, long contentBytes, int contentCrc) {

    static final int MAGIC = 0x4B534E50; // "KSNP"
    static final int FOOTER_MAGIC = 0x4B534E45; // "KSNE"
    static final int VERSION = 1;
    static final int PREFIX_BYTES = 12;
    static final int FOOTER_BYTES = 16;
    static final String SUFFIX = ".snap";

    /** Committed file name: zero-padded so that a directory listing sorts by index, then term. */
    static String fileName(SnapshotMeta meta) {
        return String.format("snapshot-%020d-%020d%s", meta.index(), meta.term(), SUFFIX);
    }

    /** Everything before the content: prefix, header and header checksum. */
    static ByteBuffer encodePrefix(SnapshotMeta meta) {
        byte[] header = new SnapshotHeader(meta).encode();
        ByteBuffer buffer = ByteBuffer.allocate(PREFIX_BYTES + header.length + 4);
        buffer.putInt(MAGIC).putInt(VERSION).putInt(header.length).put(header);
        buffer.putInt(crc(buffer.array(), 0, buffer.position()));
        return buffer.flip();
    }

    static ByteBuffer encodeFooter(long contentBytes, int contentCrc) {
        return ByteBuffer.allocate(FOOTER_BYTES).putLong(contentBytes).putInt(contentCrc).putInt(FOOTER_MAGIC).flip();
    }

    /**
     * Reads and checks the header and footer of {@code path}; the content is checked as it is read.
     *
     * @throws IOException naming the file and the defect if it is not a complete snapshot file
     */
    static SnapshotFile read(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer prefix = readFully(channel, 0, PREFIX_BYTES, path);
            int magic = prefix.getInt();
            if (magic != MAGIC) {
                throw corrupt(path, String.format("it starts with 0x%08x, not the snapshot magic 0x%08x", magic, MAGIC));
            }
            int version = prefix.getInt();
            if (version != VERSION) {
                throw corrupt(path, "its format version is " + version + ", this build reads " + VERSION);
            }
            int headerBytes = prefix.getInt();
            long contentOffset = (long) PREFIX_BYTES + headerBytes + 4;
            if (headerBytes < 0 || contentOffset + FOOTER_BYTES > size) {
                throw corrupt(path, "its header claims " + headerBytes + " bytes in a file of " + size);
            }
            ByteBuffer rest = readFully(channel, PREFIX_BYTES, headerBytes + 4, path);
            byte[] header = new byte[headerBytes];
            rest.get(header);
            CRC32C crc = new CRC32C();
            crc.update(prefix.flip());
            crc.update(header);
            int storedHeaderCrc = rest.getInt();
            if (storedHeaderCrc != (int) crc.getValue()) {
                throw corrupt(path, "its header checksum does not match");
            }
            SnapshotMeta meta;
            try {
                meta = SnapshotHeader.decode(header).meta();
            } catch (IllegalArgumentException e) {
                throw corrupt(path, "its header is invalid: " + e.getMessage());
            }
            ByteBuffer footer = readFully(channel, size - FOOTER_BYTES, FOOTER_BYTES, path);
            long contentBytes = footer.getLong();
            int contentCrc = footer.getInt();
            if (footer.getInt() != FOOTER_MAGIC || contentBytes != size - FOOTER_BYTES - contentOffset) {
                throw corrupt(path, "its footer is missing or says " + contentBytes + " content bytes where the "
                        + "file has room for " + (size - FOOTER_BYTES - contentOffset) + "; it was cut short");
            }
            return new SnapshotFile(path, meta, contentOffset, contentBytes, contentCrc);
        }
    }

    /** The content, checked against its CRC32C when the stream reaches its end. */
    InputStream openContent() throws IOException {
        SeekableByteChannel channel = FileChannel.open(path, StandardOpenOption.READ).position(contentOffset);
        InputStream raw = new BufferedInputStream(Channels.newInputStream(channel), 64 * 1024);
        return new VerifyingInputStream(raw, this);
    }

    static IOException corrupt(Path path, String why) {
        return new IOException("snapshot file " + path + " is corrupt: " + why + ". Delete it; the node falls back "
                + "to an older snapshot or receives a fresh one from the leader");
    }

    private static ByteBuffer readFully(FileChannel channel, long position, int length, Path path) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw corrupt(path, "it ends at " + (position + buffer.position()) + ", before its header or footer");
            }
        }
        return buffer.flip();
    }

    private static int crc(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }
}
