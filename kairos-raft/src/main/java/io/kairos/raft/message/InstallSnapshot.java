package io.kairos.raft.message;

import io.kairos.raft.NodeId;
import io.kairos.raft.Snapshot;

/**
 * Sent to a follower whose next entry the leader has compacted away (Raft §7). The follower
 * answers with an {@link AppendResponse}.
 */
public record InstallSnapshot(NodeId from, NodeId to, long term, Snapshot snapshot) implements Message {

    public InstallSnapshot {
        Message.validate(from, to, term);
        if (snapshot == null) {
            throw new IllegalArgumentException("snapshot must be set");
        }
    }
}
