package io.kairos.raft.message;

import io.kairos.raft.NodeId;

/**
 * A message between two Raft members. Every message carries its sender's term; a receiver that sees
 * a higher term adopts it before anything else, and one that sees a lower term ignores or refuses it
 * (Raft §5.1). Pre-vote messages are the exception: they speak of a term nobody has entered yet.
 */
public sealed interface Message permits VoteRequest, VoteResponse, AppendRequest, AppendResponse, Heartbeat,
        HeartbeatResponse, InstallSnapshot, TimeoutNow, ReadIndexRequest, ReadIndexResponse {

    NodeId from();

    NodeId to();

    long term();

    /** Checks the fields every message has; called from each record's compact constructor. */
    static void validate(NodeId from, NodeId to, long term) {
        if (from == null || to == null) {
            throw new IllegalArgumentException("from and to must be set");
        }
        if (from.equals(to)) {
            throw new IllegalArgumentException("a message must not be addressed to its sender " + from);
        }
        if (term < 0) {
            throw new IllegalArgumentException("term must be >= 0, got " + term);
        }
    }
}
