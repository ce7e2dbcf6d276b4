package io.kairos.raft.message;

import io.kairos.raft.NodeId;

/** Acknowledges the {@link Heartbeat} with the given sequence. */
public record HeartbeatResponse(NodeId from, NodeId to, long term, long sequence) implements Message {

    public HeartbeatResponse {
        Message.validate(from, to, term);
    }
}
