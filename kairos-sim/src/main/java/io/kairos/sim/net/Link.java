package io.kairos.sim.net;

import io.kairos.raft.NodeId;

/** One direction between two nodes. */
public record Link(NodeId from, NodeId to) {

    public Link {
        if (from == null || to == null || from.equals(to)) {
            throw new IllegalArgumentException("a link joins two different nodes, got " + from + " -> " + to);
        }
    }

    @Override
    public String toString() {
        return from + "->" + to;
    }
}
