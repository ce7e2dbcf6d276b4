package io.kairos.raft.message;

import io.kairos.raft.NodeId;

/** Tells a caught-up follower to campaign at once, completing a leadership transfer (thesis §3.10). */
public record TimeoutNow(NodeId from, NodeId to, long term) implements Message {

    public TimeoutNow {
        Message.validate(from, to, term);
    }
}
