package io.kairos.raft;

import java.util.List;

/**
 * The stable log and state the core reads. The application writes to it (as a {@link Ready}
 * tells it to); the core only reads. The log holds the entries after the snapshot's index.
 *
 * <p>Invariant: {@code snapshot().index() == firstIndex() - 1} and
 * {@code firstIndex() - 1 <= lastIndex()}.
 */
public interface Storage {

    /** The hard state as last stored, {@link HardState#EMPTY} for a brand-new node. */
    HardState hardState();

    /** The latest snapshot; a new cluster's storage holds {@link Snapshot#initial(Membership)}. */
    Snapshot snapshot();

    /** Index of the first entry in the log: the snapshot's index plus one. */
    long firstIndex();

    /** Index of the last entry, or the snapshot's index when the log is empty. */
    long lastIndex();

    /**
     * Term of the entry at {@code index}, for {@code firstIndex() - 1 <= index <= lastIndex()}
     * (the snapshot's term at its index).
     *
     * @throws IndexOutOfBoundsException outside that range
     */
    long term(long index);

    /**
     * Entries in {@code [from, to)}, stopping early once their total size would exceed
     * {@code maxBytes}, but always at least one entry if the range is not empty.
     *
     * @throws IndexOutOfBoundsException unless {@code firstIndex() <= from <= to <= lastIndex() + 1}
     */
    List<LogEntry> entries(long from, long to, long maxBytes);
}
