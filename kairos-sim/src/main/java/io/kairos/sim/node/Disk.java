package io.kairos.sim.node;

import io.kairos.raft.LogEntry;
import io.kairos.raft.MemoryStorage;
import io.kairos.raft.Ready;
import java.util.List;
import java.util.Random;

/**
 * A node's disk: the {@link MemoryStorage} holds exactly what is durable. A Ready's writes land
 * together when the write completes; a crash before that loses them, or keeps a prefix in the
 * order the Ready prescribes (snapshot, then entries, then hard state), as a torn write would.
 */
final class Disk {

    private final MemoryStorage storage;
    private final Random random;
    private final NodeSettings settings;
    /** The Ready being written, or null. */
    private Ready writing;

    Disk(MemoryStorage storage, Random random, NodeSettings settings) {
        this.storage = storage;
        this.random = random;
        this.settings = settings;
    }

    MemoryStorage storage() {
        return storage;
    }

    static boolean needsWrite(Ready rd) {
        return rd.snapshot() != null || !rd.entries().isEmpty() || rd.hardState() != null;
    }

    boolean isWriting() {
        return writing != null;
    }

    /** Starts writing {@code rd}; returns how long the write takes. */
    long begin(Ready rd) {
        if (writing != null) {
            throw new IllegalStateException("a write is already in progress");
        }
        writing = rd;
        long spread = settings.maxDiskWriteMicros() - settings.minDiskWriteMicros();
        return settings.minDiskWriteMicros() + (long) (random.nextDouble() * spread);
    }

    /** The write in progress landed. */
    void complete() {
        Ready rd = writing;
        writing = null;
        persist(rd, rd.entries().size(), true);
    }

    /** The machine died: the write in progress is lost, or torn. */
    void crash() {
        Ready rd = writing;
        writing = null;
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
