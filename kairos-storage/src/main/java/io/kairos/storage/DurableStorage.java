package io.kairos.storage;

import io.kairos.raft.HardState;
import io.kairos.raft.LogEntry;
import io.kairos.raft.Membership;
import io.kairos.raft.Snapshot;
import io.kairos.raft.SnapshotMeta;
import io.kairos.raft.Storage;
import io.kairos.storage.fsync.FsyncFailedError;
import io.kairos.storage.snapshot.FileSnapshotPayload;
import io.kairos.storage.snapshot.SnapshotStore;
import io.kairos.storage.snapshot.SnapshotWriter;
import io.kairos.storage.state.DataDirectory;
import io.kairos.storage.state.HardStateFile;
import io.kairos.storage.wal.WalOptions;
import io.kairos.storage.wal.WriteAheadLog;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable {@link Storage} of one node: hard state in {@link HardStateFile}, the latest snapshot
 * in {@link SnapshotStore} (its payload a {@link FileSnapshotPayload}), and the log in a
 * {@link WriteAheadLog}, all inside a {@link DataDirectory}. It offers the same write side as
 * {@code MemoryStorage}.
 *
 * <p>The log view: {@code firstIndex() == snapshot().index() + 1}. The WAL deletes whole segments
 * only, so it may still hold entries at or below the snapshot's index; they are hidden here.
 *
 * <p>Bootstrap: a new cluster's node starts from a real snapshot file at index 0 with empty content
 * and the initial membership in its header. That keeps one format and one reading path for the
 * membership (the snapshot header is checksummed and written atomically), and makes "has this
 * directory been bootstrapped" the same question as "does it hold a snapshot".
 *
 * <p>Compaction: {@link #createSnapshot} follows {@code MemoryStorage}: the snapshot's index becomes
 * {@code firstIndex() - 1}. To keep a tail of the log for followers slightly behind, take the
 * snapshot at {@code applied - retain}; there is no separate retention knob.
 *
 * <p>Durability: {@link #append} writes, {@link #sync} makes durable; report entries persisted only
 * after {@code sync} returns. {@link #setHardState} and the snapshot operations are durable on return.
 * A Ready is written in this order: snapshot, entries, {@code sync}, then hard state, so that a crash
 * never leaves a commit index on disk that points past the durable log (the simulator's durable
 * disk plays crashes at every point of that sequence).
 *
 * <p>Failure: an {@link IOException} or failed fsync during any write poisons the storage: every
 * later write throws {@link IllegalStateException} naming the first failure, and nothing is retried.
 * Reads keep working and show only what was made durable. Not thread-safe.
 */
public final class DurableStorage implements Storage, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DurableStorage.class);

    /** Writes a snapshot's content; the stream is the {@link SnapshotWriter}'s. */
    @FunctionalInterface
    public interface SnapshotContent {
        void writeTo(OutputStream out) throws IOException;
    }

    private final DataDirectory dir;
    private final HardStateFile hardStateFile;
    private final SnapshotStore snapshots;
    private final WriteAheadLog wal;
    private HardState hardState;
    private Snapshot snapshot;
    /**
     * Last index known on disk: what {@link #lastIndex()} reports once the storage is poisoned.
     * Invariant: {@code snapshot.index() <= syncedLastIndex <= wal.lastIndex()}.
     */
    private long syncedLastIndex;
    /** The first write failure, or null while healthy. */
    private Throwable failure;
    private boolean closed;

    private DurableStorage(DataDirectory dir, HardStateFile hardStateFile, SnapshotStore snapshots,
            WriteAheadLog wal, HardState hardState, Snapshot snapshot) {
        this.dir = dir;
        this.hardStateFile = hardStateFile;
        this.snapshots = snapshots;
        this.wal = wal;
        this.hardState = hardState;
        this.snapshot = snapshot;
        snapshots.markInUse(snapshot.meta());
        this.syncedLastIndex = wal.lastIndex();
    }

    /**
     * Records a brand-new cluster's initial membership in {@code dir}: a snapshot file at index 0
     * with empty content. Does not open the storage; call {@link #open} next.
     *
     * @throws IllegalStateException if the directory already holds a hard state, snapshot or log entry
     */
    public static void bootstrap(DataDirectory dir, Membership membership) throws IOException {
        SnapshotStore store = SnapshotStore.open(dir.snapshotDirectory());
        HardState stored = dir.hardStateFile().read();
        Optional<Snapshot> latest = store.latest();
        long walLast;
        try (WriteAheadLog wal = WriteAheadLog.open(dir.walDirectory(), WalOptions.defaults())) {
            walLast = wal.lastIndex();
        }
        if (!stored.equals(HardState.EMPTY) || latest.isPresent() || walLast > 0) {
            throw new IllegalStateException("refusing to bootstrap data directory " + dir.path()
                    + ": it already holds state (hard state " + stored + ", snapshot "
                    + latest.map(s -> s.index() + "@" + s.term()).orElse("none") + ", log through " + walLast
                    + "). Bootstrapping again would forget votes and entries; open it instead");
        }
        try (SnapshotWriter writer = store.begin(new SnapshotMeta(0, 0, membership))) {
            writer.commit();
        }
    }

    /**
     * Opens the storage of a bootstrapped data directory, recovering the WAL. If a crash interrupted
     * a snapshot install the log is made consistent with the snapshot here. The storage takes
     * {@code dir} over and releases it on {@link #close}.
     *
     * @throws IllegalStateException if the directory was never bootstrapped (holds no snapshot), or
     *     if its log starts after a gap following the newest readable snapshot
     */
    public static DurableStorage open(DataDirectory dir, WalOptions options) throws IOException {
        SnapshotStore store = SnapshotStore.open(dir.snapshotDirectory());
        Snapshot snapshot = store.latest().orElseThrow(() -> new IllegalStateException("data directory "
                + dir.path() + " holds no snapshot: bootstrap it with DurableStorage.bootstrap first"));
        HardStateFile hardStateFile = dir.hardStateFile();
        HardState hardState = hardStateFile.read();
        WriteAheadLog wal = WriteAheadLog.open(dir.walDirectory(), options);
        try {
            alignWithSnapshot(wal, snapshot);
            return new DurableStorage(dir, hardStateFile, store, wal, hardState, snapshot);
        } catch (IOException | RuntimeException e) {
            wal.close();
            throw e;
        }
    }

    /**
     * Keeps the log only if it continues the snapshot (it holds the snapshot's index with the
     * snapshot's term, or starts right after it); otherwise a crash came between installing a
     * leader's snapshot and resetting the log, and the reset is redone.
     */
    private static void alignWithSnapshot(WriteAheadLog wal, Snapshot snapshot) throws IOException {
        long index = snapshot.index();
        if (wal.firstIndex() > index + 1 && wal.lastIndex() >= wal.firstIndex()) {
            // Only a lost or damaged newer snapshot file explains a log that starts after a gap;
            // resetting would throw away entries that may be committed.
            throw new IllegalStateException("the newest readable snapshot is " + index + "@" + snapshot.term()
                    + " but the log starts at " + wal.firstIndex() + ": entries " + (index + 1) + " to "
                    + (wal.firstIndex() - 1) + " are in neither. A newer snapshot file was lost or damaged; restore "
                    + "the data directory from a backup, or remove this node and re-add it as a new member");
        }
        boolean startsRightAfter = wal.firstIndex() == index + 1;
        boolean holdsIt = wal.firstIndex() <= index && index <= wal.lastIndex() && wal.term(index) == snapshot.term();
        if (!startsRightAfter && !holdsIt) {
            log.warn("log [{}, {}] does not continue snapshot {}@{}; restarting it after the snapshot",
                    wal.firstIndex(), wal.lastIndex(), index, snapshot.term());
            wal.resetAfter(index);
            wal.sync();
        }
    }

    @Override
    public HardState hardState() {
        return hardState;
    }

    @Override
    public Snapshot snapshot() {
        return snapshot;
    }

    @Override
    public long firstIndex() {
        return snapshot.index() + 1;
    }

    @Override
    public long lastIndex() {
        return failure == null ? wal.lastIndex() : syncedLastIndex;
    }

    @Override
    public long term(long index) {
        if (index == snapshot.index()) {
            return snapshot.term();
        }
        checkRange(index, index + 1);
        return wal.term(index);
    }

    @Override
    public List<LogEntry> entries(long from, long to, long maxBytes) {
        checkRange(from, to);
        try {
            return wal.entries(from, to, maxBytes);
        } catch (IOException e) {
            throw new UncheckedIOException("reading entries [" + from + ", " + to + ") of " + dir.path(), e);
        }
    }

    /**
     * Writes entries, first durably dropping stored entries at or after the first new index (a
     * follower overwriting a conflicting suffix). Durable only after {@link #sync}.
     */
    public void append(List<LogEntry> newEntries) {
        checkWritable();
        if (newEntries.isEmpty()) {
            return;
        }
        long first = newEntries.get(0).index();
        if (first < firstIndex() || first > lastIndex() + 1) {
            throw new IllegalStateException("append at " + first + " leaves a gap or rewrites the snapshot; log is ["
                    + firstIndex() + ", " + lastIndex() + "]");
        }
        // The WAL makes the truncation durable before writing anything new.
        syncedLastIndex = Math.min(syncedLastIndex, first - 1);
        write(() -> wal.append(newEntries));
    }

    /** Forces the log: every appended entry is durable once this returns. Never retried after a failure. */
    public void sync() {
        checkWritable();
        write(wal::sync);
        syncedLastIndex = wal.lastIndex();
    }

    /** Stores the hard state durably and atomically. */
    public void setHardState(HardState state) {
        checkWritable();
        write(() -> hardStateFile.write(state));
        hardState = state;
    }

    /**
     * Installs a snapshot received from the leader. Its payload must be a {@link FileSnapshotPayload}
     * already installed in this node's {@link SnapshotStore} (by the chunk receiver of
     * {@link #snapshotStore()}). Entries after it that agree with it are kept (thesis §5.3); otherwise
     * the log restarts after the snapshot's index.
     */
    public void installSnapshot(Snapshot incoming) {
        checkWritable();
        if (!(incoming.payload() instanceof FileSnapshotPayload file)
                || !snapshots.directory().equals(file.path().getParent())) {
            throw new IllegalArgumentException("snapshot " + incoming.index() + "@" + incoming.term()
                    + " must be backed by a file of this node's snapshot store in " + snapshots.directory()
                    + ", got " + incoming.payload());
        }
        long index = incoming.index();
        if (index < snapshot.index()) {
            throw new IllegalStateException("snapshot " + index + "@" + incoming.term() + " is older than the stored "
                    + snapshot.index() + "@" + snapshot.term());
        }
        boolean keepSuffix = index < lastIndex() && index >= snapshot.index() && term(index) == incoming.term();
        write(() -> {
            if (keepSuffix) {
                wal.compactThrough(index);
            } else {
                wal.resetAfter(index);
                wal.sync();
            }
        });
        snapshot = incoming;
        snapshots.markInUse(incoming.meta());
        syncedLastIndex = keepSuffix ? Math.max(syncedLastIndex, index) : index;
    }

    /**
     * Takes a snapshot of the application's state at {@code index} (which it has applied), writing
     * its content through {@code content}, and compacts the log up to it. Does nothing if
     * {@code index} is not above the current snapshot's. The snapshot file is committed before any
     * segment is deleted, so a crash in between leaves extra entries, never missing ones. An
     * {@link IOException} from {@code content} poisons the storage like any other failed write.
     */
    public void createSnapshot(long index, Membership membership, SnapshotContent content) {
        checkWritable();
        if (index <= snapshot.index()) {
            return;
        }
        if (index > lastIndex()) {
            throw new IllegalStateException("snapshot at " + index + " beyond last index " + lastIndex());
        }
        SnapshotMeta meta = new SnapshotMeta(index, term(index), membership);
        Snapshot[] taken = new Snapshot[1];
        write(() -> {
            try (SnapshotWriter writer = snapshots.begin(meta)) {
                content.writeTo(writer.content());
                taken[0] = writer.commit();
            }
            wal.compactThrough(index);
        });
        snapshot = taken[0];
        snapshots.markInUse(snapshot.meta());
        syncedLastIndex = Math.max(syncedLastIndex, index);
    }

    /**
     * Makes a snapshot this node's application already wrote into {@link #snapshotStore()} (with a
     * {@link SnapshotWriter}, typically on its applier thread, so that the thread owning this
     * storage never waits for the state machine) the storage's snapshot, and compacts the log up to
     * it. Does nothing if it is not above the current snapshot.
     *
     * @throws IllegalArgumentException if the snapshot is not a file of this node's store, lies
     *     beyond the log, or disagrees with the log's term at its index; the storage stays usable
     */
    public void adoptSnapshot(Snapshot taken) {
        checkWritable();
        if (!(taken.payload() instanceof FileSnapshotPayload file)
                || !snapshots.directory().equals(file.path().getParent())) {
            throw new IllegalArgumentException("snapshot " + taken.index() + "@" + taken.term()
                    + " must be a file of this node's snapshot store in " + snapshots.directory() + ", got "
                    + taken.payload());
        }
        long index = taken.index();
        if (index <= snapshot.index()) {
            return;
        }
        if (index > lastIndex() || term(index) != taken.term()) {
            throw new IllegalArgumentException("snapshot " + index + "@" + taken.term() + " does not match the log ["
                    + firstIndex() + ", " + lastIndex() + "]" + (index > lastIndex() ? "" : " with term " + term(index)
                    + " at " + index));
        }
        write(() -> wal.compactThrough(index));
        snapshot = taken;
        snapshots.markInUse(taken.meta());
        syncedLastIndex = Math.max(syncedLastIndex, index);
    }

    /** This node's snapshot store, for receiving a leader's snapshot in chunks and for streaming ours. */
    public SnapshotStore snapshotStore() {
        return snapshots;
    }

    /** Closes the log without forcing it (call {@link #sync} first) and releases the data directory. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            wal.close();
        } finally {
            dir.close();
        }
    }

    @Override
    public String toString() {
        return "DurableStorage[" + dir.path() + ", snapshot " + snapshot.index() + "@" + snapshot.term() + ", log ["
                + firstIndex() + ", " + lastIndex() + "]" + (failure == null ? "" : ", failed") + "]";
    }

    @FunctionalInterface
    private interface Write {
        void run() throws IOException;
    }

    /** Runs one write; any I/O failure or failed fsync poisons the storage and is rethrown. */
    private void write(Write write) {
        try {
            write.run();
        } catch (IOException e) {
            failure = e;
            throw new UncheckedIOException("write to " + dir.path() + " failed; the storage is now unusable", e);
        } catch (FsyncFailedError | RuntimeException e) {
            failure = e;
            throw e;
        }
    }

    private void checkWritable() {
        if (closed) {
            throw new IllegalStateException("storage in " + dir.path() + " is closed");
        }
        if (failure != null) {
            throw new IllegalStateException("storage in " + dir.path() + " is unusable after a failed write ("
                    + failure + "); a failed write or fsync is never retried: stop the node and reopen", failure);
        }
    }

    private void checkRange(long from, long to) {
        if (from < firstIndex() || to > lastIndex() + 1 || from > to) {
            throw new IndexOutOfBoundsException("range [" + from + ", " + to + ") outside log [" + firstIndex()
                    + ", " + lastIndex() + "]");
        }
    }
}
