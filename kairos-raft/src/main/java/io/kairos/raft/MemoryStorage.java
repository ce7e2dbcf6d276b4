package io.kairos.raft;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Storage} in memory, for tests and the simulator. It also offers the write side the
 * application needs: append, hard state, snapshot install and compaction. Not thread-safe.
 */
public final class MemoryStorage implements Storage {

    private HardState hardState = HardState.EMPTY;
    private Snapshot snapshot;
    /** Entries after the snapshot: {@code entries.get(i).index() == snapshot.index() + 1 + i}. */
    private final ArrayList<LogEntry> entries = new ArrayList<>();

    public MemoryStorage(Snapshot initial) {
        this.snapshot = initial;
    }

    /** Storage of a node of a brand-new cluster with the given initial membership. */
    public static MemoryStorage bootstrap(Membership membership) {
        return new MemoryStorage(Snapshot.initial(membership));
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
        return snapshot.index() + entries.size();
    }

    @Override
    public long term(long index) {
        if (index == snapshot.index()) {
            return snapshot.term();
        }
        checkRange(index, index + 1);
        return entries.get(offset(index)).term();
    }

    @Override
    public List<LogEntry> entries(long from, long to, long maxBytes) {
        checkRange(from, to);
        List<LogEntry> out = new ArrayList<>();
        long bytes = 0;
        for (long i = from; i < to; i++) {
            LogEntry e = entries.get(offset(i));
            bytes += e.sizeBytes();
            if (!out.isEmpty() && bytes > maxBytes) {
                break;
            }
            out.add(e);
        }
        return out;
    }

    public void setHardState(HardState hardState) {
        this.hardState = hardState;
    }

    /**
     * Appends entries, first dropping any stored entries at or after the first new index (a
     * follower overwriting a conflicting suffix).
     */
    public void append(List<LogEntry> newEntries) {
        if (newEntries.isEmpty()) {
            return;
        }
        long first = newEntries.get(0).index();
        if (first < firstIndex() || first > lastIndex() + 1) {
            throw new IllegalStateException("append at " + first + " leaves a gap or rewrites the snapshot; log is ["
                    + firstIndex() + ", " + lastIndex() + "]");
        }
        truncateFrom(first);
        for (LogEntry e : newEntries) {
            if (e.index() != lastIndex() + 1) {
                throw new IllegalStateException("entries not contiguous: " + e + " after " + lastIndex());
            }
            entries.add(e);
        }
    }

    /** Drops the entries at and after {@code index}. */
    public void truncateFrom(long index) {
        int keep = (int) Math.max(0, index - firstIndex());
        while (entries.size() > keep) {
            entries.remove(entries.size() - 1);
        }
    }

    /**
     * Replaces everything with a snapshot received from the leader. Entries after the snapshot
     * that agree with it are kept (thesis §5.3: a follower keeps a matching suffix).
     */
    public void installSnapshot(Snapshot incoming) {
        long index = incoming.index();
        List<LogEntry> suffix = new ArrayList<>();
        if (index < lastIndex() && index >= snapshot.index() && term(index) == incoming.term()) {
            suffix.addAll(entries.subList(offset(index + 1), entries.size()));
        }
        snapshot = incoming;
        entries.clear();
        entries.addAll(suffix);
    }

    /**
     * Records a snapshot the application took of its own state at {@code index} (which it has
     * applied) and compacts the log up to it. To keep a tail of the log for followers that are
     * only slightly behind, take the snapshot at an index that much below the applied one.
     */
    public void createSnapshot(long index, Membership membership, SnapshotPayload payload) {
        if (index <= snapshot.index()) {
            return;
        }
        if (index > lastIndex()) {
            throw new IllegalStateException("snapshot at " + index + " beyond last index " + lastIndex());
        }
        long term = term(index);
        List<LogEntry> suffix = new ArrayList<>(entries.subList(offset(index + 1), entries.size()));
        snapshot = new Snapshot(new SnapshotMeta(index, term, membership), payload);
        entries.clear();
        entries.addAll(suffix);
    }

    private int offset(long index) {
        return (int) (index - firstIndex());
    }

    private void checkRange(long from, long to) {
        if (from < firstIndex() || to > lastIndex() + 1 || from > to) {
            throw new IndexOutOfBoundsException("range [" + from + ", " + to + ") outside log [" + firstIndex()
                    + ", " + lastIndex() + "]");
        }
    }
}
