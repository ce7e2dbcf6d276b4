package io.kairos.raft;

import java.util.ArrayList;
import java.util.List;

/**
 * The node's view of its log: the stable part in {@link Storage} and an unstable tail (and perhaps
 * a snapshot) that has been accepted but not yet persisted by the application.
 *
 * <p>Invariants: {@code applied <= committed <= lastIndex()}; entries at or below
 * {@code committed} never change.
 */
final class RaftLog {

    private final Storage storage;

    /** A snapshot received from the leader and not yet persisted, or {@code null}. */
    private Snapshot unstableSnapshot;
    /** Whether {@link #unstableSnapshot} was handed out in a {@link Ready} and awaits {@code advance}. */
    private boolean snapshotInProgress;
    /** Entries not yet persisted: {@code unstable.get(i).index() == unstableOffset + i}. */
    private final ArrayList<LogEntry> unstable = new ArrayList<>();
    private long unstableOffset;
    /** Unstable entries below this index were handed out for persisting and await {@code advance}. */
    private long unstableInProgress;

    /** Highest index known stored on a quorum. Invariant: applied <= committed <= lastIndex(). */
    private long committed;
    /** Highest index handed to the application for applying. Invariant: applied <= applying <= committed. */
    private long applying;
    /** Highest index the application has applied. */
    private long applied;

    RaftLog(Storage storage) {
        this.storage = storage;
        this.unstableOffset = storage.lastIndex() + 1;
        this.unstableInProgress = unstableOffset;
        long snapshotIndex = storage.snapshot().index();
        this.committed = Math.max(storage.hardState().commitIndex(), snapshotIndex);
        if (committed > storage.lastIndex()) {
            throw new IllegalStateException("stored commit index " + committed + " is beyond the last stored index "
                    + storage.lastIndex() + ": the storage is corrupt");
        }
        this.applied = snapshotIndex;
        this.applying = snapshotIndex;
    }

    long committed() {
        return committed;
    }

    long applied() {
        return applied;
    }

    long firstIndex() {
        return unstableSnapshot != null ? unstableSnapshot.index() + 1 : storage.firstIndex();
    }

    long lastIndex() {
        if (!unstable.isEmpty()) {
            return unstableOffset + unstable.size() - 1;
        }
        return unstableSnapshot != null ? unstableSnapshot.index() : storage.lastIndex();
    }

    long lastTerm() {
        return termOrThrow(lastIndex());
    }

    /** The term of the entry at {@code index}, or -1 if the log no longer or does not yet hold it. */
    long term(long index) {
        if (index >= unstableOffset) {
            long i = index - unstableOffset;
            return i < unstable.size() ? unstable.get((int) i).term() : -1;
        }
        if (unstableSnapshot != null) {
            return index == unstableSnapshot.index() ? unstableSnapshot.term() : -1;
        }
        if (index < storage.firstIndex() - 1 || index > storage.lastIndex()) {
            return -1;
        }
        return storage.term(index);
    }

    long termOrThrow(long index) {
        long term = term(index);
        if (term < 0) {
            throw new IllegalStateException("no term for index " + index + " in log [" + firstIndex() + ", "
                    + lastIndex() + "]");
        }
        return term;
    }

    boolean matchTerm(long index, long term) {
        return term(index) == term;
    }

    /** Raft §5.4.1: whether a log ending at (lastIndex, lastTerm) is at least as up to date as ours. */
    boolean isUpToDate(long lastIndex, long lastTerm) {
        long ourTerm = lastTerm();
        return lastTerm > ourTerm || (lastTerm == ourTerm && lastIndex >= lastIndex());
    }

    /**
     * The follower's side of AppendEntries: if our entry at {@code prevIndex} has {@code prevTerm},
     * append {@code entries} (dropping a conflicting suffix) and advance the commit index.
     *
     * @return the index of the last entry now known to match the leader, or -1 on mismatch
     */
    long maybeAppend(long prevIndex, long prevTerm, long leaderCommit, List<LogEntry> entries) {
        if (!matchTerm(prevIndex, prevTerm)) {
            return -1;
        }
        long newLast = prevIndex + entries.size();
        int conflict = firstConflict(entries);
        if (conflict >= 0) {
            long conflictIndex = entries.get(conflict).index();
            if (conflictIndex <= committed) {
                throw new IllegalStateException("entry " + conflictIndex + " conflicts with committed entries up to "
                        + committed + ": log matching is broken");
            }
            append(entries.subList(conflict, entries.size()));
        }
        commitTo(Math.min(leaderCommit, newLast));
        return newLast;
    }

    /** Position in {@code entries} of the first entry we lack or hold with another term, or -1. */
    private int firstConflict(List<LogEntry> entries) {
        for (int i = 0; i < entries.size(); i++) {
            LogEntry e = entries.get(i);
            if (!matchTerm(e.index(), e.term())) {
                return i;
            }
        }
        return -1;
    }

    /** Appends entries to the unstable tail, replacing any entries from the first one's index on. */
    void append(List<LogEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        long first = entries.get(0).index();
        if (first <= committed) {
            throw new IllegalStateException("append at " + first + " would overwrite committed index " + committed);
        }
        if (first > lastIndex() + 1) {
            throw new IllegalStateException("append at " + first + " leaves a gap after " + lastIndex());
        }
        if (first < unstableOffset) {
            unstable.clear();
            unstableOffset = first;
        } else {
            truncateUnstable((int) (first - unstableOffset));
        }
        unstableInProgress = Math.min(unstableInProgress, first);
        unstable.addAll(entries);
    }

    private void truncateUnstable(int keep) {
        while (unstable.size() > keep) {
            unstable.remove(unstable.size() - 1);
        }
    }

    /** Moves the commit index forward to {@code index}; never backwards. */
    void commitTo(long index) {
        if (index <= committed) {
            return;
        }
        if (index > lastIndex()) {
            throw new IllegalStateException("commit index " + index + " beyond last index " + lastIndex());
        }
        committed = index;
    }

    /**
     * The leader's commit rule: advance to {@code index} only if its entry is of the current term
     * (Raft §5.4.2).
     */
    boolean maybeCommit(long index, long currentTerm) {
        if (index > committed && term(index) == currentTerm) {
            commitTo(index);
            return true;
        }
        return false;
    }

    /**
     * Entries in {@code [from, to)}, at most {@code maxEntries} and about {@code maxBytes} (at least
     * one if the range is not empty), or {@code null} if {@code from} is compacted away.
     */
    List<LogEntry> slice(long from, long to, int maxEntries, long maxBytes) {
        if (from < firstIndex()) {
            return null;
        }
        to = Math.min(Math.min(to, lastIndex() + 1), from + maxEntries);
        List<LogEntry> out = new ArrayList<>();
        if (from >= to) {
            return out;
        }
        long bytes = 0;
        long storageEnd = Math.min(to, unstableOffset);
        if (from < storageEnd) {
            for (LogEntry e : storage.entries(from, storageEnd, maxBytes)) {
                out.add(e);
                bytes += e.sizeBytes();
            }
            if (out.size() < storageEnd - from) {
                return out;
            }
        }
        for (long i = Math.max(from, unstableOffset); i < to; i++) {
            LogEntry e = unstable.get((int) (i - unstableOffset));
            bytes += e.sizeBytes();
            if (!out.isEmpty() && bytes > maxBytes) {
                break;
            }
            out.add(e);
        }
        return out;
    }

    /**
     * Our last index at or before {@code index} whose term is at most {@code term}. A follower
     * rejecting an append at {@code index} of the leader's {@code term} sends it as a hint; the
     * leader looks its own log up the same way to skip a whole conflicting term per round trip.
     * Below our first entry the answer is {@code index} itself (or our snapshot's index): those
     * entries are compacted and committed, so a leader that needs them sends a snapshot.
     */
    long hintIndexFor(long index, long term) {
        long i = Math.min(index, lastIndex());
        while (i >= firstIndex()) {
            if (term(i) <= term) {
                return i;
            }
            i--;
        }
        return i;
    }

    /** Snapshot currently known: the unstable one if any, otherwise the stored one. */
    Snapshot snapshot() {
        return unstableSnapshot != null ? unstableSnapshot : storage.snapshot();
    }

    /**
     * Replaces the log with a snapshot received from the leader. Entries after it that agree with
     * it are kept (thesis §5.3, "retain log entries following the snapshot").
     */
    void restore(Snapshot snapshot) {
        long index = snapshot.index();
        List<LogEntry> keep = List.of();
        if (matchTerm(index, snapshot.term()) && index < lastIndex()) {
            keep = slice(index + 1, lastIndex() + 1, Integer.MAX_VALUE, Long.MAX_VALUE);
        }
        unstableSnapshot = snapshot;
        snapshotInProgress = false;
        unstable.clear();
        unstableOffset = index + 1;
        unstableInProgress = unstableOffset;
        unstable.addAll(keep);
        committed = Math.max(committed, index);
        applying = Math.max(applying, index);
    }

    // --- Ready hand-off ---------------------------------------------------------------------

    boolean hasUnsentSnapshot() {
        return unstableSnapshot != null && !snapshotInProgress;
    }

    Snapshot takeSnapshotToPersist() {
        snapshotInProgress = true;
        return unstableSnapshot;
    }

    boolean hasEntriesToPersist() {
        return unstableInProgress < unstableOffset + unstable.size();
    }

    List<LogEntry> takeEntriesToPersist() {
        int from = (int) (unstableInProgress - unstableOffset);
        List<LogEntry> out = List.copyOf(unstable.subList(from, unstable.size()));
        unstableInProgress = unstableOffset + unstable.size();
        return out;
    }

    boolean hasEntriesToApply() {
        // Apply only what has been handed out for persisting too: the Ready orders persist before apply.
        return committed > applying && (unstableSnapshot == null || snapshotInProgress);
    }

    List<LogEntry> takeEntriesToApply(long maxBytes) {
        long from = Math.max(applying + 1, firstIndex());
        List<LogEntry> out = slice(from, committed + 1, Integer.MAX_VALUE, maxBytes);
        if (out == null || out.isEmpty()) {
            return List.of();
        }
        applying = out.get(out.size() - 1).index();
        return out;
    }

    /** The application persisted the snapshot handed out earlier. */
    void snapshotPersisted(Snapshot snapshot) {
        if (unstableSnapshot == snapshot) {
            unstableSnapshot = null;
            snapshotInProgress = false;
        }
        applied = Math.max(applied, snapshot.index());
    }

    /** The application persisted entries up to ({@code index}, {@code term}). */
    void entriesPersisted(long index, long term) {
        if (index < unstableOffset || term(index) != term) {
            return; // overwritten meanwhile by a newer leader's entries; they are still unstable
        }
        int drop = (int) (index - unstableOffset + 1);
        unstable.subList(0, drop).clear();
        unstableOffset = index + 1;
        unstableInProgress = Math.max(unstableInProgress, unstableOffset);
    }

    /** Highest index that is persisted (not in the unstable tail). */
    long stableIndex() {
        return unstableOffset - 1;
    }

    void appliedTo(long index) {
        if (index > committed) {
            throw new IllegalStateException("applied " + index + " beyond committed " + committed);
        }
        applied = Math.max(applied, index);
        applying = Math.max(applying, applied);
    }
}
