package io.kairos.storage.wal;

import io.kairos.raft.LogEntry;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The Raft log on disk: a directory of segment files, each named by its first index and bounded
 * by {@link WalOptions#maxSegmentBytes()}, with an in-memory index (index to segment, offset and
 * term) so that {@link #term} never reads a file and {@link #entries} reads only what it returns.
 *
 * <p>Durability: {@link #append} writes but does not force; an entry is durable, and may be
 * acknowledged, only once a later {@link #sync} returns. The exception is the truncation of a
 * conflicting suffix, which {@code append} makes durable before writing anything new.
 *
 * <p>Failure: any {@link IOException} from a write, truncation or fsync leaves the files in a state
 * the log cannot know (after a failed fsync the kernel may have dropped the dirty pages), so the log
 * is then unusable: every later {@code append}, {@code sync} or {@code compactThrough} throws
 * {@link IllegalStateException}. The node must stop and recover by reopening.
 *
 * <p>Not thread-safe: the caller serialises access.
 */
public final class WriteAheadLog implements Closeable {

    private final Path dir;
    private final WalOptions options;
    private final SegmentChannels channels;
    /** Oldest first; each starts at the previous one's last index + 1; the last one takes appends. */
    private final List<Segment> segments;
    /** The I/O failure that made this log unusable, or null while it is healthy. */
    private IOException failure;
    /** Whether segment files were created or deleted since the directory was last forced. */
    private boolean directoryChanged;
    private boolean closed;

    private WriteAheadLog(Path dir, WalOptions options, SegmentChannels channels, List<Segment> segments) {
        this.dir = dir;
        this.options = options;
        this.channels = channels;
        this.segments = new ArrayList<>(segments);
    }

    /**
     * Opens the log in {@code dir}, creating the directory if needed, and recovers it: a torn tail of
     * the last segment is cut off with a WARN.
     *
     * @throws CorruptLogException if the log is damaged anywhere but its tail
     */
    public static WriteAheadLog open(Path dir, WalOptions options) throws IOException {
        return open(dir, options, SegmentChannels.FILES);
    }

    static WriteAheadLog open(Path dir, WalOptions options, SegmentChannels channels) throws IOException {
        Files.createDirectories(dir);
        return new WriteAheadLog(dir, options, channels, new SegmentRecovery(channels).recover(dir));
    }

    /** Index of the first stored entry; {@code lastIndex() + 1} when the log is empty (1 for a new log). */
    public long firstIndex() {
        return segments.isEmpty() ? 1 : segments.get(0).firstIndex;
    }

    /** Index of the last stored entry; {@code firstIndex() - 1} when the log is empty. */
    public long lastIndex() {
        return segments.isEmpty() ? 0 : active().lastIndex();
    }

    /**
     * Term of the stored entry at {@code index}.
     *
     * @throws IndexOutOfBoundsException unless {@code firstIndex() <= index <= lastIndex()}
     */
    public long term(long index) {
        checkRange(index, index + 1);
        return segmentOf(index).term(index);
    }

    /**
     * Stored entries in {@code [from, to)}, stopping once their total {@link LogEntry#sizeBytes()}
     * would exceed {@code maxBytes}, but at least one if the range is not empty.
     *
     * @throws IndexOutOfBoundsException unless {@code firstIndex() <= from <= to <= lastIndex() + 1}
     * @throws CorruptLogException if a record read back fails its checksum
     */
    public List<LogEntry> entries(long from, long to, long maxBytes) throws IOException {
        checkOpen();
        checkRange(from, to);
        List<LogEntry> out = new ArrayList<>();
        long bytes = 0;
        Segment segment = null;
        for (long index = from; index < to; index++) {
            if (segment == null || index > segment.lastIndex()) {
                segment = segmentOf(index);
            }
            LogEntry entry = segment.read(index);
            bytes += entry.sizeBytes();
            if (!out.isEmpty() && bytes > maxBytes) {
                break;
            }
            out.add(entry);
        }
        return out;
    }

    /**
     * Writes {@code newEntries} (contiguous, ascending) after first durably removing any stored
     * entries at or after the first new index: a follower overwriting a conflicting suffix. Not
     * durable until {@link #sync}.
     *
     * @throws IllegalArgumentException if the entries are not contiguous, or would leave a gap after
     *     {@link #lastIndex()} or rewrite entries below {@link #firstIndex()}; nothing is written
     * @throws IOException if writing fails; the log is then unusable
     */
    public void append(List<LogEntry> newEntries) throws IOException {
        checkUsable();
        if (newEntries.isEmpty()) {
            return;
        }
        long first = newEntries.get(0).index();
        checkAppendable(first, newEntries);
        List<ByteBuffer> records = new ArrayList<>(newEntries.size());
        for (LogEntry entry : newEntries) {
            records.add(RecordFormat.encode(entry));
        }
        try {
            if (first <= lastIndex()) {
                truncateFrom(first);
            }
            writeRecords(records, newEntries);
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    /**
     * Makes every appended entry durable: forces the active segment, and the directory when segment
     * files were created or deleted. Never retry after a failure: the log is then unusable.
     */
    public void sync() throws IOException {
        checkUsable();
        try {
            if (!segments.isEmpty()) {
                active().channel.force(false);
            }
            if (directoryChanged) {
                forceDirectory();
            }
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    /**
     * Deletes every segment whose entries are all at or below {@code index}, oldest first, except the
     * active one. Entries above {@code index} are kept, and so may some at or below it:
     * {@link #firstIndex()} afterwards is at most {@code index + 1}. The deletions become durable with
     * the next {@link #sync}; should they be lost in a crash the log just holds more than it needs.
     *
     * @throws IOException if a segment file cannot be deleted; the segments not yet deleted stay in
     *     the log, which remains usable
     */
    public void compactThrough(long index) throws IOException {
        checkUsable();
        while (segments.size() > 1 && segments.get(1).firstIndex - 1 <= index) {
            Segment oldest = segments.get(0);
            Files.delete(oldest.path);
            segments.remove(0);
            directoryChanged = true;
            oldest.channel.close();
        }
    }

    /**
     * Durably empties the log and restarts it after {@code index}: every segment is deleted, newest
     * first, and a new empty segment starting at {@code index + 1} is created and forced, with the
     * directory. Afterwards {@link #firstIndex()} is {@code index + 1} and {@link #lastIndex()} is
     * {@code index}. For a follower that installs a leader's snapshot its log does not match.
     *
     * <p>A crash part way leaves a contiguous part of the old log, or no segment at all (then the log
     * reopens empty at index 1); the caller, which knows its snapshot, detects that and resets again.
     *
     * @throws IOException if deleting or creating a file fails; the log is then unusable
     */
    public void resetAfter(long index) throws IOException {
        checkUsable();
        if (index < 0) {
            throw new IllegalArgumentException("cannot restart the log after negative index " + index);
        }
        try {
            while (!segments.isEmpty()) {
                Segment doomed = segments.remove(segments.size() - 1);
                doomed.channel.close();
                Files.delete(doomed.path);
            }
            forceDirectory();
            roll(index + 1);
            active().channel.force(false);
            forceDirectory();
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    /** Closes the segment files without forcing them; call {@link #sync} first to keep what was appended. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        IOException first = null;
        for (Segment segment : segments) {
            try {
                segment.channel.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public String toString() {
        return "WriteAheadLog[" + dir + ", " + segments + (failure == null ? "" : ", failed") + "]";
    }

    private void checkAppendable(long first, List<LogEntry> newEntries) {
        for (int i = 1; i < newEntries.size(); i++) {
            if (newEntries.get(i).index() != first + i) {
                throw new IllegalArgumentException("entries to append are not contiguous: " + newEntries.get(i)
                        + " follows " + newEntries.get(i - 1));
            }
        }
        if (first > lastIndex() + 1) {
            throw new IllegalArgumentException(
                    "append at " + first + " would leave a gap after the last index " + lastIndex());
        }
        if (first < firstIndex()) {
            throw new IllegalArgumentException(
                    "append at " + first + " would rewrite compacted entries; the first index is " + firstIndex());
        }
    }

    /**
     * Durably removes the entries at and after {@code index}. Later segments go first, newest first,
     * and the directory is forced before the surviving segment is cut, so that a crash at any point
     * leaves a contiguous prefix of the old log, never a gap.
     */
    private void truncateFrom(long index) throws IOException {
        while (segments.size() > 1 && active().firstIndex >= index) {
            Segment doomed = segments.remove(segments.size() - 1);
            doomed.channel.close();
            Files.delete(doomed.path);
            directoryChanged = true;
        }
        if (directoryChanged) {
            forceDirectory();
        }
        Segment segment = active();
        long cut = segment.forgetFrom(index);
        segment.channel.truncate(cut);
        segment.channel.force(false);
    }

    /**
     * Writes the records, rolling to a new segment when the next one would overflow the active one,
     * with one write call per segment touched: a group-commit batch is many small records, and a
     * system call per record would cost more than encoding them.
     */
    private void writeRecords(List<ByteBuffer> records, List<LogEntry> newEntries) throws IOException {
        int from = 0;
        while (from < records.size()) {
            if (segments.isEmpty() || (active().count() > 0
                    && active().sizeBytes() + records.get(from).remaining() > options.maxSegmentBytes())) {
                roll();
            }
            Segment segment = active();
            long room = options.maxSegmentBytes() - segment.sizeBytes();
            long bytes = records.get(from).remaining();
            int to = from + 1;
            while (to < records.size() && bytes + records.get(to).remaining() <= room) {
                bytes += records.get(to).remaining();
                to++;
            }
            writeFully(segment.channel, concat(records, from, to, bytes), segment.sizeBytes());
            for (int i = from; i < to; i++) {
                segment.add(newEntries.get(i).term(), records.get(i).remaining());
            }
            from = to;
        }
    }

    private static ByteBuffer concat(List<ByteBuffer> records, int from, int to, long bytes) {
        if (to - from == 1) {
            return records.get(from).duplicate();
        }
        ByteBuffer all = ByteBuffer.allocate(Math.toIntExact(bytes));
        for (int i = from; i < to; i++) {
            all.put(records.get(i).duplicate());
        }
        return all.flip();
    }

    /**
     * Starts a new segment after the active one. The old segment is forced first because
     * {@link #sync} forces only the active one.
     */
    private void roll() throws IOException {
        roll(lastIndex() + 1);
    }

    private void roll(long firstIndex) throws IOException {
        if (!segments.isEmpty()) {
            active().channel.force(false);
        }
        Path path = SegmentRecovery.pathOf(dir, firstIndex);
        FileChannel channel = channels.open(
                path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
        directoryChanged = true;
        segments.add(new Segment(path, firstIndex, channel));
        writeFully(channel, new SegmentHeader(firstIndex).encode(), 0);
    }

    private void forceDirectory() throws IOException {
        try (FileChannel directory = channels.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        }
        directoryChanged = false;
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long written = 0;
        while (buffer.hasRemaining()) {
            written += channel.write(buffer, position + written);
        }
    }

    private Segment active() {
        return segments.get(segments.size() - 1);
    }

    /** The segment holding {@code index}, found by binary search on first indexes. */
    private Segment segmentOf(long index) {
        int low = 0;
        int high = segments.size() - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (segments.get(mid).firstIndex <= index) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return segments.get(low);
    }

    private void checkRange(long from, long to) {
        if (from < firstIndex() || to > lastIndex() + 1 || from > to) {
            throw new IndexOutOfBoundsException(
                    "range [" + from + ", " + to + ") outside log [" + firstIndex() + ", " + lastIndex() + "]");
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("write-ahead log in " + dir + " is closed");
        }
    }

    private void checkUsable() {
        checkOpen();
        if (failure != null) {
            throw new IllegalStateException("write-ahead log in " + dir + " is unusable after an I/O failure (" + failure
                    + "); a failed write or fsync must never be retried or acknowledged: stop the node and reopen", failure);
        }
    }
}
