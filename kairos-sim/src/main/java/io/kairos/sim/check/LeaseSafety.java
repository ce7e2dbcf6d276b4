package io.kairos.sim.check;

import io.kairos.raft.NodeId;
import io.kairos.raft.RaftNode;
import io.kairos.raft.Role;
import java.util.Map;

/**
 * A leader's lease is exclusive: while a leader believes its lease holds (and would serve reads
 * from its own state without a round trip), no node is leader of a higher term. Checked when a node
 * is first seen leading a term, against every other running node.
 */
public final class LeaseSafety {

    /**
     * @param others every running node other than the new leader, by id in id order
     */
    public void onNewLeader(NodeId node, RaftNode raft, Map<NodeId, RaftNode> others) {
        for (Map.Entry<NodeId, RaftNode> e : others.entrySet()) {
            RaftNode other = e.getValue();
            if (other.role() == Role.LEADER && other.term() < raft.term() && other.hasValidLease()) {
                throw new InvariantViolation("lease safety", node + " became leader of term " + raft.term()
                        + " while " + e.getKey() + ", leader of term " + other.term()
                        + ", holds a valid lease and would serve reads from stale state");
            }
        }
    }
}
