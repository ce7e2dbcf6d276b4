package io.kairos.sim.node;

import io.kairos.raft.HardState;
import io.kairos.raft.LogEntry;
import io.kairos.raft.Membership;
import io.kairos.raft.NodeId;
import io.kairos.raft.Ready;
import io.kairos.raft.Snapshot;
import io.kairos.raft.Storage;
import io.kairos.raft.message.InstallSnapshot;
import io.kairos.raft.message.Message;
import io.kairos.sim.kv.KvSnapshot;
import io.kairos.sim.kv.KvSnapshotCodec;
import io.kairos.storage.DurableStorage;
import io.kairos.storage.snapshot.ChunkOutcome;
import io.kairos.storage.snapshot.FileSnapshotPayload;
import io.kairos.storage.snapshot.SnapshotChunk;
import io.kairos.storage.snapshot.SnapshotChunks;
import io.kairos.storage.snapshot.SnapshotReceiver;
import io.kairos.storage.state.DataDirectory;
import io.kairos.storage.wal.WalOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.stream.Stream;

/**
 * A node's disk made of the real storage: a {@link DurableStorage} in its own data directory, with
 * small segments so that runs roll, compact and recover many of them.
 *
 * <p>A landed write is the storage's own sequence: snapshot, entries, {@code sync}, hard state
 * (the commit index only now and then, as the master stores it).
 * Power loss is played on the files: after a crash during a write, the entries already appended
 * but not synced survive only as a random byte prefix (the page cache wrote some of them back, the
 * rest was lost), which may cut a record, or a segment's header, anywhere. The next boot is the
 * storage's real recovery. Synced bytes are never touched: the model is a disk that honours fsync.
 *
 * <p>Snapshots travel as their files' chunks ({@link SnapshotChunks} on the sender, a
 * {@link SnapshotReceiver} into the receiver's store), as they will over a transport.
 */
final class DurableDisk implements NodeDisk {

    static final String CLUSTER_ID = "sim";
    /** Small segments: a run rolls through many, so rolling, compaction and torn headers all happen. */
    static final WalOptions WAL_OPTIONS = new WalOptions(16 * 1024);
    static final int CHUNK_BYTES = 4 * 1024;

    private final Path dir;
    private final NodeId id;
    private final Random random;
    private final DiskFaultCounters counters;
    private final WriteInProgress write;
    private DurableStorage storage;
    /** Each segment file's size when the log was last synced: what survives power loss for sure. */
    private final Map<Path, Long> syncedSizes = new HashMap<>();

    DurableDisk(Path dir, NodeId id, Membership bootstrap, Random random, NodeSettings settings,
            DiskFaultCounters counters) {
        this.dir = dir;
        this.id = id;
        this.random = random;
        this.counters = counters;
        this.write = new WriteInProgress(random, settings);
        try (DataDirectory data = DataDirectory.open(dir, id, CLUSTER_ID)) {
            DurableStorage.bootstrap(data, bootstrap);
        } catch (IOException e) {
            throw new UncheckedIOException("bootstrapping " + dir, e);
        }
    }

    @Override
    public Storage open() {
        if (storage != null) {
            throw new IllegalStateException(id + ": storage already open");
        }
        DataDirectory data = null;
        try {
            data = DataDirectory.open(dir, id, CLUSTER_ID);
            storage = DurableStorage.open(data, WAL_OPTIONS);
        } catch (IOException e) {
            closeOrFail(data);
            throw new UncheckedIOException(id + " cannot open its storage in " + dir, e);
        }
        recordSynced();
        return storage;
    }

    @Override
    public boolean isWriting() {
        return write.isActive();
    }

    @Override
    public long begin(Ready rd) {
        return write.begin(rd);
    }

    @Override
    public void complete() {
        Ready rd = write.take();
        if (rd.snapshot() != null) {
            storage.installSnapshot(rd.snapshot());
        }
        storage.append(rd.entries());
        storage.sync();
        if (rd.hardState() != null && mustStore(rd.hardState())) {
            storage.setHardState(rd.hardState());
        }
        recordSynced();
    }

    /**
     * As the master does: term and vote are stored whenever they change, the commit index (volatile
     * in Raft) only now and then, here one write in eight, so restarts begin from a stale commit index.
     */
    private boolean mustStore(HardState next) {
        HardState stored = storage.hardState();
        return next.term() != stored.term() || !Objects.equals(next.votedFor(), stored.votedFor())
                || random.nextInt(8) == 0;
    }

    /**
     * Power fails. During a write, part of it got out first: the snapshot (which the storage
     * installs durably), then a prefix of the entries, possibly none, appended but not synced; the
     * hard state, which is written after the sync, never. Then the unsynced bytes are torn. Unlike
     * the memory disk this happens at every crash during a write, not at the torn-write rate: the
     * point of this disk is to exercise the log's recovery.
     */
    @Override
    public void crash() {
        Ready rd = write.take();
        if (storage == null) {
            return;
        }
        if (rd != null) {
            int steps = (rd.snapshot() != null ? 1 : 0) + rd.entries().size() + 1;
            int kept = random.nextInt(steps);
            if (rd.snapshot() != null && kept > 0) {
                storage.installSnapshot(rd.snapshot());
                kept--;
            }
            List<LogEntry> entries = rd.entries().subList(0, Math.min(kept, rd.entries().size()));
            storage.append(entries);
        }
        closeOrFail(storage);
        storage = null;
        tearUnsyncedBytes();
    }

    @Override
    public void close() {
        write.take();
        closeOrFail(storage);
        storage = null;
    }

    @Override
    public void createSnapshot(long index, Membership membership, KvSnapshot content) {
        storage.createSnapshot(index, membership, out -> KvSnapshotCodec.write(content, out));
        recordSynced();
    }

    @Override
    public KvSnapshot content(Snapshot snapshot) {
        if (!(snapshot.payload() instanceof FileSnapshotPayload file)) {
            throw new IllegalArgumentException(id + ": snapshot " + snapshot.index() + " is not a file: "
                    + snapshot.payload());
        }
        try (InputStream in = file.openContent()) {
            return KvSnapshotCodec.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(id + " cannot read snapshot " + file, e);
        }
    }

    @Override
    public Message outgoing(Message m) {
        if (!(m instanceof InstallSnapshot install)
                || !(install.snapshot().payload() instanceof FileSnapshotPayload file)) {
            return m;
        }
        List<SnapshotChunk> chunks = new ArrayList<>();
        try (SnapshotChunks source = SnapshotChunks.open(file, CHUNK_BYTES)) {
            long offset = 0;
            SnapshotChunk chunk;
            do {
                chunk = source.chunkAt(offset);
                chunks.add(chunk);
                offset = chunk.endOffset();
            } while (!chunk.last());
            return new InstallSnapshot(install.from(), install.to(), install.term(),
                    new Snapshot(install.snapshot().meta(), new WireSnapshot(chunks, source.sizeBytes())));
        } catch (IOException e) {
            throw new UncheckedIOException(id + " cannot read its snapshot " + file + " to send it", e);
        }
    }

    @Override
    public Message incoming(Message m) {
        if (!(m instanceof InstallSnapshot install) || !(install.snapshot().payload() instanceof WireSnapshot wire)) {
            return m;
        }
        try (SnapshotReceiver receiver = storage.snapshotStore().receiver()) {
            ChunkOutcome outcome = null;
            for (SnapshotChunk chunk : wire.chunks()) {
                outcome = receiver.accept(chunk);
            }
            if (outcome instanceof ChunkOutcome.Installed installed) {
                counters.snapshotsReceived++;
                return new InstallSnapshot(install.from(), install.to(), install.term(), installed.snapshot());
            }
            throw new IllegalStateException(id + " could not receive snapshot " + install.snapshot().index()
                    + " sent whole and in order: " + outcome);
        } catch (IOException e) {
            throw new UncheckedIOException(id + " cannot receive snapshot " + install.snapshot().index(), e);
        }
    }

    private void recordSynced() {
        syncedSizes.clear();
        for (Path segment : segments()) {
            try {
                syncedSizes.put(segment, Files.size(segment));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Cuts every segment's unsynced bytes to a random prefix of them, in file-name order. */
    private void tearUnsyncedBytes() {
        for (Path segment : segments()) {
            try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
                long size = channel.size();
                long synced = syncedSizes.getOrDefault(segment, 0L);
                if (size <= synced) {
                    continue;
                }
                long kept = synced + (long) (random.nextDouble() * (size - synced + 1));
                if (kept < size) {
                    channel.truncate(kept);
                    counters.tornTails++;
                    counters.bytesTorn += size - kept;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("tearing " + segment, e);
            }
        }
        syncedSizes.clear();
    }

    private List<Path> segments() {
        Path wal = dir.resolve("wal");
        try (Stream<Path> files = Files.list(wal)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".wal")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + wal, e);
        }
    }

    private static void closeOrFail(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing " + closeable, e);
        }
    }
}
