package io.kairos.raft.message;

import io.kairos.raft.NodeId;

/**
 * A leader's periodic assertion of authority. It carries no entries.
 *
 * @param commitIndex the leader's commit index capped at what it knows the follower holds
 * @param sequence increases with every heartbeat round of the leader's term; the response echoes it,
 *     which lets the leader confirm read indexes and measure its lease from the send time
 */
public record Heartbeat(NodeId from, NodeId to, long term, long commitIndex, long sequence) implements Message {

    public Heartbeat {
        Message.validate(from, to, term);
        if (commitIndex < 0 || sequence < 0) {
            throw new IllegalArgumentException("negative commit index or sequence in heartbeat");
        }
    }
}
