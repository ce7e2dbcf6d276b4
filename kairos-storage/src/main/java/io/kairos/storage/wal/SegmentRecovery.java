package io.kairos.storage.wal;

import io.kairos.raft.LogEntry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a log directory back on open and rebuilds each segment's in-memory index.
 *
 * <p>Only the tail of the last segment may be cut, because only there can a crash leave a partial
 * write of entries that were never acknowledged. The tail is torn when the last record is cut short
 * by the end of the file with no intact later record after it, when the last record's checksum
 * fails and nothing follows it, or when everything from the failing record on is zeros (a file
 * extended but never written). A torn tail is truncated and reported with a WARN. Any other damage
 * — a bad checksum, a bad header, a wrong index or a gap between segments — is a
 * {@link CorruptLogException}: it may have eaten an acknowledged entry, so the log is never
 * silently shortened.
 */
final class SegmentRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentRecovery.class);
    private static final Pattern SEGMENT_NAME = Pattern.compile("(\\d{20})\\.wal");
    private static final int ZERO_SCAN_CHUNK_BYTES = 64 * 1024;

    private final SegmentChannels channels;

    SegmentRecovery(SegmentChannels channels) {
        this.channels = channels;
    }

    static Path pathOf(Path dir, long firstIndex) {
        return dir.resolve(String.format("%020d.wal", firstIndex));
    }

    /** The segments of {@code dir}, oldest first, contiguous, their files open for reading and writing. */
    List<Segment> recover(Path dir) throws IOException {
        TreeMap<Long, Path> files = segmentFiles(dir);
        List<Segment> segments = new ArrayList<>();
        try {
            for (Path path : files.values()) {
                boolean last = path.equals(files.lastEntry().getValue());
                Segment segment = recoverSegment(path, firstIndexFromName(path), last);
                if (segment == null) {
                    continue;
                }
                segments.add(segment);
                checkContiguous(segments);
            }
            return segments;
        } catch (IOException | RuntimeException e) {
            for (Segment segment : segments) {
                closeQuietly(segment.channel, e);
            }
            throw e;
        }
    }

    private static TreeMap<Long, Path> segmentFiles(Path dir) throws IOException {
        TreeMap<Long, Path> files = new TreeMap<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path path : stream) {
                if (SEGMENT_NAME.matcher(path.getFileName().toString()).matches()) {
                    files.put(firstIndexFromName(path), path);
                }
            }
        }
        return files;
    }

    private static long firstIndexFromName(Path path) {
        Matcher m = SEGMENT_NAME.matcher(path.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalStateException("not a segment file name: " + path);
        }
        return Long.parseLong(m.group(1));
    }

    private static void checkContiguous(List<Segment> segments) throws CorruptLogException {
        if (segments.size() < 2) {
            return;
        }
        Segment previous = segments.get(segments.size() - 2);
        Segment current = segments.get(segments.size() - 1);
        if (current.firstIndex != previous.lastIndex() + 1) {
            throw new CorruptLogException(current.path, 0, "segment starts at index " + current.firstIndex
                    + " but the previous segment " + previous.path.getFileName() + " ends at " + previous.lastIndex());
        }
    }

    /** The recovered segment, or null when it was the last one and torn before its header was written. */
    private Segment recoverSegment(Path path, long nameIndex, boolean last) throws IOException {
        FileChannel channel = channels.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            if (!readHeader(path, channel, nameIndex, last)) {
                channel.close();
                Files.delete(path);
                return null;
            }
            Segment segment = new Segment(path, nameIndex, channel);
            readRecords(segment, last);
            return segment;
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel, e);
            throw e;
        }
    }

    /** Whether the header is whole; false for a torn header of the last segment (which holds no entry). */
    private static boolean readHeader(Path path, FileChannel channel, long nameIndex, boolean last) throws IOException {
        long size = channel.size();
        ByteBuffer bytes = ByteBuffer.allocate(SegmentHeader.BYTES);
        int read = readFully(channel, bytes, 0);
        SegmentHeader header;
        try {
            if (read < SegmentHeader.BYTES) {
                throw new IllegalArgumentException("file of " + size + " bytes is shorter than a segment header");
            }
            header = SegmentHeader.decode(bytes.flip());
        } catch (IllegalArgumentException e) {
            if (last && size <= SegmentHeader.BYTES) {
                LOG.warn("Write-ahead log segment {} has a torn header at offset 0 ({}); it holds no entry, deleting it",
                        path, e.getMessage());
                return false;
            }
            throw new CorruptLogException(path, 0, "bad segment header: " + e.getMessage(), e);
        }
        if (header.firstIndex() != nameIndex) {
            throw new CorruptLogException(path, 0, "header says first index " + header.firstIndex()
                    + " but the file name says " + nameIndex);
        }
        return true;
    }

    private static void readRecords(Segment segment, boolean last) throws IOException {
        FileChannel channel = segment.channel;
        long size = channel.size();
        ByteBuffer prefix = ByteBuffer.allocate(RecordFormat.PREFIX_BYTES);
        while (segment.sizeBytes() < size) {
            long offset = segment.sizeBytes();
            prefix.clear();
            if (readFully(channel, prefix, offset) < RecordFormat.PREFIX_BYTES) {
                cutTail(segment, last, offset, "record prefix cut short by the end of the file");
                return;
            }
            int bodyBytes = prefix.getInt(0);
            int storedCrc = prefix.getInt(Integer.BYTES);
            long end = offset + RecordFormat.PREFIX_BYTES + bodyBytes;
            if (!RecordFormat.isValidBodyLength(bodyBytes)) {
                if (zerosFrom(channel, offset, size)) {
                    cutTail(segment, last, offset, "zeros instead of a record");
                    return;
                }
                throw new CorruptLogException(segment.path, offset, "invalid record length " + bodyBytes);
            }
            if (end > size) {
                long next = offsetOfValidRecordAfter(segment, offset, size);
                if (next >= 0) {
                    throw new CorruptLogException(segment.path, offset, "record length " + bodyBytes
                            + " runs past the end of the file, yet a valid record follows at offset " + next);
                }
                cutTail(segment, last, offset, "record of " + bodyBytes + " bytes cut short by the end of the file");
                return;
            }
            ByteBuffer body = ByteBuffer.allocate(bodyBytes);
            readFully(channel, body, offset + RecordFormat.PREFIX_BYTES);
            int crc = RecordFormat.crcOf(body.array(), 0, bodyBytes);
            if (crc != storedCrc) {
                String problem = "record checksum mismatch (stored " + Integer.toHexString(storedCrc) + ", computed "
                        + Integer.toHexString(crc) + ")";
                if (end == size) {
                    cutTail(segment, last, offset, problem);
                    return;
                }
                throw new CorruptLogException(segment.path, offset, problem);
            }
            LogEntry entry = decode(segment, offset, body.flip());
            segment.add(entry.term(), RecordFormat.PREFIX_BYTES + bodyBytes);
        }
    }

    private static LogEntry decode(Segment segment, long offset, ByteBuffer body) throws CorruptLogException {
        LogEntry entry;
        try {
            entry = RecordFormat.decodeBody(body);
        } catch (IllegalArgumentException e) {
            throw new CorruptLogException(segment.path, offset, "record does not decode: " + e.getMessage(), e);
        }
        if (entry.index() != segment.lastIndex() + 1) {
            throw new CorruptLogException(segment.path, offset,
                    "record holds index " + entry.index() + " where " + (segment.lastIndex() + 1) + " belongs");
        }
        return entry;
    }

    /** Truncates a torn tail of the last segment; anywhere else the same damage is corruption. */
    private static void cutTail(Segment segment, boolean last, long offset, String problem) throws IOException {
        if (!last) {
            throw new CorruptLogException(segment.path, offset, problem + " in a segment that is not the last");
        }
        long size = segment.channel.size();
        LOG.warn("Write-ahead log segment {} has a torn tail at offset {} ({}); cutting {} bytes after entry {}",
                segment.path, offset, problem, size - offset, segment.lastIndex());
        segment.channel.truncate(offset);
        segment.channel.force(false);
    }

    /**
     * The offset of the first intact record after {@code offset} that holds a later entry, or -1.
     * A record cut short by the end of the file is a torn write only if nothing valid follows it;
     * otherwise its length field was damaged and acknowledged entries may sit behind it. Candidates
     * are filtered by their index field before their checksum is computed, so the scan is linear.
     */
    private static long offsetOfValidRecordAfter(Segment segment, long offset, long size) throws IOException {
        long start = offset + 1;
        ByteBuffer rest = ByteBuffer.allocate(Math.toIntExact(size - start));
        readFully(segment.channel, rest, start);
        long lowest = segment.lastIndex() + 1;
        long highest = lowest + rest.capacity() / (RecordFormat.PREFIX_BYTES + RecordFormat.MIN_BODY_BYTES);
        int indexField = RecordFormat.PREFIX_BYTES + 1;
        for (int p = 0; p + RecordFormat.PREFIX_BYTES + RecordFormat.MIN_BODY_BYTES <= rest.capacity(); p++) {
            int bodyBytes = rest.getInt(p);
            long index = rest.getLong(p + indexField);
            if (RecordFormat.isValidBodyLength(bodyBytes)
                    && p + RecordFormat.PREFIX_BYTES + (long) bodyBytes <= rest.capacity()
                    && index >= lowest && index <= highest
                    && rest.getInt(p + Integer.BYTES)
                            == RecordFormat.crcOf(rest.array(), p + RecordFormat.PREFIX_BYTES, bodyBytes)) {
                return start + p;
            }
        }
        return -1;
    }

    private static boolean zerosFrom(FileChannel channel, long offset, long size) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(ZERO_SCAN_CHUNK_BYTES);
        for (long position = offset; position < size; ) {
            chunk.clear();
            int read = readFully(channel, chunk, position);
            for (int i = 0; i < read; i++) {
                if (chunk.get(i) != 0) {
                    return false;
                }
            }
            position += read;
        }
        return true;
    }

    /** Reads into {@code buffer} from {@code position} until it is full or the file ends; returns the bytes read. */
    static int readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        int total = 0;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, position + total);
            if (read < 0) {
                break;
            }
            total += read;
        }
        return total;
    }

    private static void closeQuietly(FileChannel channel, Exception primary) {
        try {
            channel.close();
        } catch (IOException e) {
            primary.addSuppressed(e);
        }
    }
}
