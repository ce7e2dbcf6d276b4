package io.kairos.storage.state;

import io.kairos.raft.NodeId;
import io.kairos.storage.fsync.Fsync;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One node's data directory, held exclusively while open.
 *
 * <pre>
 * dir/
 *   LOCK        held with an OS file lock until close(); never deleted
 *   FORMAT      layout version, node id, cluster id (see DataFormat)
 *   hardstate   term, vote, commit index (see HardStateFile)
 *   wal/        the write-ahead log
 *   snapshots/  snapshot files
 * </pre>
 *
 * <p>{@link #open} creates the layout on first use. On later opens it refuses, with a message that
 * names the directory and the mismatch, data that belongs to another node or another cluster, or
 * that a newer Kairos wrote: using such data would silently break Raft's safety.
 */
public final class DataDirectory implements AutoCloseable {

    static final String LOCK = "LOCK";
    static final String FORMAT = "FORMAT";
    static final String HARD_STATE = "hardstate";
    static final String WAL = "wal";
    static final String SNAPSHOTS = "snapshots";

    /** Entries that may exist before FORMAT does: our lock and a temp FORMAT from a crashed first open. */
    private static final Set<String> BEFORE_FORMAT = Set.of(LOCK, FORMAT + ".tmp");

    private final Path dir;
    private final DataFormat format;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private DataDirectory(Path dir, DataFormat format, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.format = format;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Opens (creating on first use) the data directory of {@code node} in cluster {@code clusterId}.
     *
     * @throws IllegalArgumentException if {@code clusterId} is not 1 to 64 of {@code [A-Za-z0-9._-]}
     * @throws DataDirectoryLockedException if another process, or another open in this process, holds it
     * @throws IncompatibleDataDirectoryException if it belongs to another node or cluster, has a newer
     *     layout, or holds files but no {@code FORMAT}
     * @throws IOException if the file system fails
     */
    public static DataDirectory open(Path dir, NodeId node, String clusterId) throws IOException {
        DataFormat expected = new DataFormat(DataFormat.CURRENT_VERSION, node, clusterId);
        Files.createDirectories(dir);
        Path lockFile = dir.resolve(LOCK);
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock lock = lockOrThrow(dir, channel);
            checkOrCreateFormat(dir, expected);
            Files.createDirectories(dir.resolve(WAL));
            Files.createDirectories(dir.resolve(SNAPSHOTS));
            Fsync.forceDirectory(dir);
            return new DataDirectory(dir, expected, channel, lock);
        } catch (IOException | RuntimeException e) {
            // Closing the channel also releases the lock if we got it.
            channel.close();
            throw e;
        }
    }

    private static FileLock lockOrThrow(Path dir, FileChannel channel) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            // Within one JVM the lock is per process, so a second open here overlaps instead of failing.
            lock = null;
        }
        if (lock == null) {
            throw new DataDirectoryLockedException("data directory " + dir + " is in use: another process holds "
                    + dir.resolve(LOCK) + ". Stop the other Kairos node using it, or give this one its own directory");
        }
        return lock;
    }

    private static void checkOrCreateFormat(Path dir, DataFormat expected) throws IOException {
        Path formatFile = dir.resolve(FORMAT);
        String text;
        try {
            text = Files.readString(formatFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            createFormat(dir, expected);
            return;
        }
        DataFormat found = DataFormat.parse(text).orElseThrow(() -> new IncompatibleDataDirectoryException(
                "data directory " + dir + " has an unreadable " + FORMAT + " file; expected 'kairos-data-format N', "
                        + "'node N' and 'cluster ID' lines, found: " + text.strip()));
        checkSameOwner(dir, expected, found);
    }

    static void checkSameOwner(Path dir, DataFormat expected, DataFormat found)
            throws IncompatibleDataDirectoryException {
        if (found.version() > DataFormat.CURRENT_VERSION) {
            throw new IncompatibleDataDirectoryException("data directory " + dir + " has layout version "
                    + found.version() + ", written by a newer Kairos; this build reads up to version "
                    + DataFormat.CURRENT_VERSION + ". Run the newer version");
        }
        if (!found.clusterId().equals(expected.clusterId())) {
            throw new IncompatibleDataDirectoryException("data directory " + dir + " belongs to cluster '"
                    + found.clusterId() + "', not to cluster '" + expected.clusterId() + "'. A node's data never "
                    + "moves between clusters: point this node at another directory, or delete this one on purpose");
        }
        if (!found.node().equals(expected.node())) {
            throw new IncompatibleDataDirectoryException("data directory " + dir + " belongs to node "
                    + found.node() + " of cluster '" + found.clusterId() + "', not to node " + expected.node()
                    + ". Each node needs its own directory");
        }
    }

    private static void createFormat(Path dir, DataFormat format) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            List<String> foreign = entries.map(p -> p.getFileName().toString())
                    .filter(name -> !BEFORE_FORMAT.contains(name)).sorted().toList();
            if (!foreign.isEmpty()) {
                throw new IncompatibleDataDirectoryException("data directory " + dir + " holds " + foreign
                        + " but no " + FORMAT + " file, so it is not a Kairos data directory (or its FORMAT was "
                        + "lost). Refusing to write into it; choose an empty directory");
            }
        }
        Path temp = dir.resolve(FORMAT + ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(format.encode());
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            Fsync.force(channel, temp);
        }
        Fsync.replaceAtomically(temp, dir.resolve(FORMAT));
    }

    public Path path() {
        return dir;
    }

    public NodeId node() {
        return format.node();
    }

    public String clusterId() {
        return format.clusterId();
    }

    /** Where the write-ahead log keeps its segments. */
    public Path walDirectory() {
        return dir.resolve(WAL);
    }

    /** Where snapshot files live. */
    public Path snapshotDirectory() {
        return dir.resolve(SNAPSHOTS);
    }

    /** The node's hard state file (which may not exist yet: then it reads as empty). */
    public HardStateFile hardStateFile() {
        return new HardStateFile(dir.resolve(HARD_STATE));
    }

    /** Releases the lock. The LOCK file stays: deleting it would let two openers lock different files. */
    @Override
    public void close() throws IOException {
        if (lockChannel.isOpen()) {
            try {
                lock.release();
            } finally {
                lockChannel.close();
            }
        }
    }
}
