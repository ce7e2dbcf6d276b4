package io.kairos.raft.message;

import io.kairos.raft.NodeId;

/** A follower asks the leader for a read index on behalf of its client (thesis §6.4). */
public record ReadIndexRequest(NodeId from, NodeId to, long term, long requestId) implements Message {

    public ReadIndexRequest {
        Message.validate(from, to, term);
    }
}
