package io.kairos.sim.check;

import io.kairos.raft.NodeId;
import io.kairos.raft.RaftNode;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Committed entries never change: once any node holds index {@code i} as committed with term
 * {@code t}, no node ever holds {@code i} committed with another term, and no node's commit index
 * moves backwards while it runs. Followed through each
 * node's commit index as it moves; it also keeps the record of committed terms that
 * {@link LeaderCompleteness} checks new leaders against.
 */
public final class CommittedPrefix {

    /** Term of the committed entry at each index; 0 where not yet seen. */
    private long[] termByIndex = new long[256];
    /**
     * The term in which each index was first seen committed: the term of the leader that committed
     * it, which sees its own commit before anyone else can. Non-decreasing with the index.
     */
    private long[] commitTermByIndex = new long[256];
    private long highest;
    /** Highest commit index already examined per node; only looked up. */
    private final Map<NodeId, Long> examined = new HashMap<>();

    /** A node (re)started: entries up to its snapshot are committed and were checked when they were. */
    public void onStart(NodeId node, long snapshotIndex) {
        examined.put(node, snapshotIndex);
    }

    /**
     * After any input to a running node: record what its commit index newly covers. Within one
     * life of a node the commit index never moves backwards.
     */
    public void observe(NodeId node, RaftNode raft) {
        long commit = raft.commitIndex();
        long from = examined.getOrDefault(node, 0L);
        if (commit < from) {
            throw new InvariantViolation("committed entries never change", node + "'s commit index went back from "
                    + from + " to " + commit);
        }
        if (commit == from) {
            return;
        }
        for (long i = from + 1; i <= commit; i++) {
            long term = raft.termAt(i);
            if (term >= 0) {
                record(node, i, term, raft.term());
            }
        }
        examined.put(node, commit);
    }

    /** Records that {@code node}, in {@code currentTerm}, holds (index, term) committed. */
    void record(NodeId node, long index, long term, long currentTerm) {
        if (index >= termByIndex.length) {
            int size = (int) Math.max(index + 1, termByIndex.length * 2L);
            termByIndex = Arrays.copyOf(termByIndex, size);
            commitTermByIndex = Arrays.copyOf(commitTermByIndex, size);
        }
        long earlier = termByIndex[(int) index];
        if (earlier == 0) {
            termByIndex[(int) index] = term;
            commitTermByIndex[(int) index] = currentTerm;
            highest = Math.max(highest, index);
        } else if (earlier != term) {
            throw new InvariantViolation("committed entries never change", node + " holds index " + index
                    + " committed with term " + term + ", but it was committed with term " + earlier);
        }
    }

    /** The term committed at {@code index}, or 0 if not known committed. */
    public long termAt(long index) {
        return index < termByIndex.length ? termByIndex[(int) index] : 0;
    }

    /** The highest index known committed. */
    public long highest() {
        return highest;
    }

    /** The highest index known committed in a term before {@code term}, or 0. */
    public long highestCommittedBefore(long term) {
        long i = highest;
        while (i >= 1 && commitTermByIndex[(int) i] >= term) {
            i--;
        }
        return i;
    }
}
