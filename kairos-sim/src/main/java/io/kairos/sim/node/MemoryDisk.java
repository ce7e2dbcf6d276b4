package io.kairos.sim.node;

import io.kairos.raft.LogEntry;
import io.kairos.raft.Membership;
import io.kairos.raft.Snapshot;
import io.kairos.raft.Storage;
import io.kairos.raft.message.Message;
import io.kairos.sim.kv.KvSnapshot;
import io.kairos.sim.kv.KvStateMachine;
import io.kairos.raft.MemoryStorage;
import io.kairos.raft.Ready;
import java.util.List;
import java.util.Random;

/**
 * A node's disk in memory: the {@link MemoryStorage} holds exactly what is durable. A Ready's writes land
 * together when the write completes; a crash before that loses them, or keeps a prefix in the
 * order the Ready prescribes (snapshot, then entries, then hard state), as a torn write would.
 */
final class MemoryDisk implements NodeDisk {

    private final MemoryStorage storage;
    private final Random random;
    private final NodeSettings settings;
    private final WriteInProgress write;

    MemoryDisk(MemoryStorage storage, Random random, NodeSettings settings) {
        this.storage = storage;
        this.random = random;
        this.settings = settings;
        this.write = new WriteInProgress(random, settings);
    }

    @Override
    public Storage open() {
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
        persist(rd, rd.entries().size(), true);
    }

    /** The write in progress is lost, or a prefix of its steps lands. */
    @Override
    public void crash() {
        Ready rd = write.take();
        if (rd == null || random.nextDouble() >= settings.tornWriteRate()) {
            return;
        }
        // Steps of the write in order: the snapshot, each entry, the hard state. Keep a prefix.
        int steps = (rd.snapshot() != null ? 1 : 0) + rd.entries().size() + (rd.hardState() != null ? 1 : 0);
        int kept = random.nextInt(steps);
        if (rd.snapshot() != null) {
            if (kept == 0) {
                return;
            }
            kept--;
        }
        persist(rd, Math.min(kept, rd.entries().size()), kept > rd.entries().size());
    }

    @Override
    public void createSnapshot(long index, Membership membership, KvSnapshot content) {
        storage.createSnapshot(index, membership, content);
    }

    @Override
    public KvSnapshot content(Snapshot snapshot) {
        return KvStateMachine.restore(snapshot.payload()).snapshot();
    }

    @Override
    public Message outgoing(Message m) {
        return m;
    }

    @Override
    public Message incoming(Message m) {
        return m;
    }

    private void persist(Ready rd, int entryCount, boolean hardState) {
        if (rd.snapshot() != null) {
            storage.installSnapshot(rd.snapshot());
        }
        List<LogEntry> entries = rd.entries().subList(0, entryCount);
        storage.append(entries);
        if (hardState && rd.hardState() != null) {
            storage.setHardState(rd.hardState());
        }
    }
}
