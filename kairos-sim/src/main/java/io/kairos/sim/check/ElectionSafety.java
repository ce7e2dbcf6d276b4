package io.kairos.sim.check;

import io.kairos.raft.NodeId;
import java.util.HashMap;
import java.util.Map;

/** Raft §5.2, Election Safety: at most one leader can be elected in a given term, over the whole run. */
public final class ElectionSafety {

    /** The leader of each term seen so far; only looked up, never iterated. */
    private final Map<Long, NodeId> leaderByTerm = new HashMap<>();

    /**
     * A node acts as leader in {@code term}.
     *
     * @return whether this is a newly seen (term, leader), that is, an election
     */
    public boolean observeLeader(long term, NodeId node) {
        NodeId earlier = leaderByTerm.putIfAbsent(term, node);
        if (earlier != null && !earlier.equals(node)) {
            throw new InvariantViolation("election safety", "two leaders in term " + term + ": " + earlier + " and "
                    + node);
        }
        return earlier == null;
    }

    /** Terms that had a leader. */
    public int elections() {
        return leaderByTerm.size();
    }
}
