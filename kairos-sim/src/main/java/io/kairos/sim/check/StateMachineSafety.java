package io.kairos.sim.check;

import io.kairos.raft.LogEntry;
import io.kairos.raft.NodeId;
import java.util.Arrays;

/**
 * Raft §5.4.3, State Machine Safety: if a server has applied a log entry at a given index, no other
 * server ever applies a different entry at that index. Keeps, for every index, the first entry
 * applied there (its term and content hash) and who applied it.
 */
public final class StateMachineSafety {

    private long[] terms = new long[256];
    private long[] contents = new long[256];
    private NodeId[] firstBy = new NodeId[256];

    /**
     * A node applied {@code entry}.
     *
     * @return whether this is the first time any node applied that index
     */
    public boolean onApplied(NodeId node, LogEntry entry) {
        int i = Math.toIntExact(entry.index());
        if (i >= terms.length) {
            int size = Math.max(i + 1, terms.length * 2);
            terms = Arrays.copyOf(terms, size);
            contents = Arrays.copyOf(contents, size);
            firstBy = Arrays.copyOf(firstBy, size);
        }
        long content = EntryHash.content(entry);
        if (terms[i] == 0) {
            terms[i] = entry.term();
            contents[i] = content;
            firstBy[i] = node;
            return true;
        }
        if (terms[i] != entry.term() || contents[i] != content) {
            throw new InvariantViolation("state machine safety", node + " applied " + entry + " at index " + i
                    + ", but " + firstBy[i] + " applied an entry of term " + terms[i] + (terms[i] == entry.term()
                    ? " with other content" : "") + " there");
        }
        return false;
    }
}
