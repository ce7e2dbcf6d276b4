package io.kairos.storage.snapshot;

import io.kairos.raft.Snapshot;
import io.kairos.raft.SnapshotMeta;
import io.kairos.storage.fsync.Fsync;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The snapshot files of one node, in one directory. A snapshot becomes visible only by an atomic
 * rename of a complete, forced file, so after a crash the directory holds whole snapshots and
 * perhaps temp files, which {@link #open} deletes. After each install only the newest
 * {@code retainedSnapshots} are kept; the older one, if kept, lets a leader finish streaming it.
 *
 * <p>Installing and listing are synchronized, so the state machine may write a snapshot on its own
 * thread while the event loop reads {@link #latest()}.
 */
public final class SnapshotStore {

    private static final Logger log = LoggerFactory.getLogger(SnapshotStore.class);

    static final String TEMP_SUFFIX = ".tmp";
    private static final Comparator<SnapshotMeta> BY_POSITION =
            Comparator.comparingLong(SnapshotMeta::index).thenComparingLong(SnapshotMeta::term);

    private final Path dir;
    private final int retainedSnapshots;
    /** The snapshot the node's storage stands on; never pruned, however many newer ones arrive. */
    private SnapshotMeta inUse;

    private SnapshotStore(Path dir, int retainedSnapshots) {
        this.dir = dir;
        this.retainedSnapshots = retainedSnapshots;
    }

    /** Opens the store keeping the two newest snapshots. */
    public static SnapshotStore open(Path dir) throws IOException {
        return open(dir, 2);
    }

    /**
     * Opens the store in {@code dir} (created if missing) and deletes temp files left by a crash.
     *
     * @param retainedSnapshots how many of the newest snapshots to keep, 1 or more
     */
    public static SnapshotStore open(Path dir, int retainedSnapshots) throws IOException {
        if (retainedSnapshots < 1) {
            throw new IllegalArgumentException("retainedSnapshots must be >= 1, got " + retainedSnapshots);
        }
        Files.createDirectories(dir);
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir, "*" + TEMP_SUFFIX)) {
            for (Path temp : temps) {
                log.info("deleting {}, a snapshot left half-written by a crash", temp);
                Files.delete(temp);
            }
        }
        Fsync.forceDirectory(dir);
        return new SnapshotStore(dir, retainedSnapshots);
    }

    public Path directory() {
        return dir;
    }

    /** Starts writing the snapshot at {@code meta}; see {@link SnapshotWriter}. */
    public SnapshotWriter begin(SnapshotMeta meta) throws IOException {
        Path temp = newTempFile("snapshot-");
        try {
            return new SnapshotWriter(this, meta, temp);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    /** A receiver for a snapshot streamed in chunks from the leader; see {@link SnapshotReceiver}. */
    public SnapshotReceiver receiver() {
        return new SnapshotReceiver(this);
    }

    /**
     * The newest snapshot whose header and footer are intact, or empty if there is none. A damaged
     * newer file is logged and skipped; its content is checked as it is read, not here, because
     * reading gigabytes at startup just to list them would be slow.
     */
    public synchronized Optional<Snapshot> latest() throws IOException {
        List<SnapshotFile> files = committedFiles();
        if (files.isEmpty()) {
            return Optional.empty();
        }
        SnapshotFile newest = files.get(files.size() - 1);
        return Optional.of(new Snapshot(newest.meta(), new FileSnapshotPayload(newest)));
    }

    Path newTempFile(String prefix) throws IOException {
        return Files.createTempFile(dir, prefix, TEMP_SUFFIX);
    }

    /**
     * Moves a complete, forced temp file into place under its final name, forces the directory and
     * prunes older snapshots.
     */
    synchronized Snapshot install(Path temp) throws IOException {
        SnapshotFile sealed = SnapshotFile.read(temp);
        Path target = dir.resolve(SnapshotFile.fileName(sealed.meta()));
        Fsync.replaceAtomically(temp, target);
        SnapshotFile installed = new SnapshotFile(target, sealed.meta(), sealed.contentOffset(),
                sealed.contentBytes(), sealed.contentCrc());
        log.info("installed snapshot {}@{} ({} content bytes) as {}", installed.meta().index(),
                installed.meta().term(), installed.contentBytes(), target);
        prune();
        return new Snapshot(installed.meta(), new FileSnapshotPayload(installed));
    }

    /**
     * Marks the snapshot the storage now stands on, so that pruning never deletes it: newer files
     * may arrive that the storage has not adopted (a leader's snapshot the core then refused, a
     * capture still waiting), and the storage must still be able to read and send its own.
     */
    public synchronized void markInUse(SnapshotMeta meta) {
        this.inUse = meta;
    }

    private void prune() throws IOException {
        List<SnapshotFile> files = committedFiles();
        for (int i = 0; i < files.size() - retainedSnapshots; i++) {
            if (files.get(i).meta().equals(inUse)) {
                continue;
            }
            log.info("deleting older snapshot {}", files.get(i).path());
            Files.delete(files.get(i).path());
        }
        Fsync.forceDirectory(dir);
    }

    /** Valid committed snapshot files, oldest first; damaged ones are logged and left for the operator. */
    private List<SnapshotFile> committedFiles() throws IOException {
        List<SnapshotFile> files = new ArrayList<>();
        try (DirectoryStream<Path> paths = Files.newDirectoryStream(dir, "snapshot-*" + SnapshotFile.SUFFIX)) {
            for (Path path : paths) {
                try {
                    files.add(SnapshotFile.read(path));
                } catch (IOException e) {
                    log.warn("ignoring damaged snapshot file: {}", e.getMessage());
                }
            }
        }
        files.sort(Comparator.comparing(SnapshotFile::meta, BY_POSITION));
        return files;
    }
}
