package io.kairos.raft.message;

import io.kairos.raft.NodeId;

/** The leader's confirmed read index for a follower's {@link ReadIndexRequest}. */
public record ReadIndexResponse(NodeId from, NodeId to, long term, long requestId, long readIndex)
        implements Message {

    public ReadIndexResponse {
        Message.validate(from, to, term);
        if (readIndex < 0) {
            throw new IllegalArgumentException("negative read index " + readIndex);
        }
    }
}
