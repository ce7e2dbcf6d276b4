package io.kairos.sim.node;

import io.kairos.raft.LogEntry;
import io.kairos.raft.Membership;
import io.kairos.raft.Snapshot;
import io.kairos.sim.kv.KvCommand;
import io.kairos.sim.kv.KvSnapshot;
import io.kairos.sim.kv.KvStateMachine;

/**
 * What a node has applied: the key-value map, the index it reflects, and the membership as of that
 * index (from applied configuration entries), which a snapshot taken now must carry. Volatile: a
 * crash loses it and a restart rebuilds it from the storage's snapshot and the log.
 */
final class AppliedState {

    private KvStateMachine kv;
    private long index;
    private long term;
    private Membership membership;

    AppliedState(Snapshot snapshot, KvSnapshot content) {
        restore(snapshot, content);
    }

    /** Replaces everything with the snapshot's state; {@code content} is its payload's state machine. */
    void restore(Snapshot snapshot, KvSnapshot content) {
        kv = KvStateMachine.restore(content);
        index = snapshot.index();
        term = snapshot.term();
        membership = snapshot.meta().membership();
    }

    /**
     * Applies the next committed entry.
     *
     * @return the entry's command if it is one, else null
     */
    KvCommand apply(LogEntry entry) {
        if (entry.index() != index + 1) {
            throw new IllegalStateException("applying " + entry + " after index " + index);
        }
        index = entry.index();
        term = entry.term();
        if (entry instanceof LogEntry.Config c) {
            membership = c.membership();
        } else if (entry instanceof LogEntry.Command c) {
            return KvCommand.decode(c.payload());
        }
        return null;
    }

    /** Applies a decoded command; returns whether it took effect (false: a duplicate). */
    boolean applyCommand(KvCommand command) {
        return kv.apply(command);
    }

    KvStateMachine kv() {
        return kv;
    }

    long index() {
        return index;
    }

    long term() {
        return term;
    }

    Membership membership() {
        return membership;
    }
}
