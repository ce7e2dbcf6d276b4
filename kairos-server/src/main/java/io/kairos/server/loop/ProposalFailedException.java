package io.kairos.server.loop;

import io.kairos.raft.NodeId;

/**
 * Why a write or read was not carried out, with what the client should do about it. Expected in a
 * running cluster (leaders change, queues fill), so each kind says whether a retry can succeed.
 */
public final class ProposalFailedException extends RuntimeException {

    public enum Kind {
        /** This node does not lead; {@link #leaderHint} names the leader if known. Retry there. */
        NOT_LEADER,
        /** The node is overloaded; retry after a short pause. */
        BUSY,
        /** Accepted, but a leader change replaced the entry before it committed; retry (with a session). */
        LOST,
        /** Accepted, but whether it committed cannot be known here; retry with a session to be safe. */
        UNKNOWN,
        /** Refused by the core for a reason a retry does not fix. */
        REFUSED,
        /** The node is shutting down or failed. */
        STOPPED
    }

    private final Kind kind;
    private final NodeId leaderHint;

    public ProposalFailedException(Kind kind, NodeId leaderHint, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.leaderHint = leaderHint;
    }

    public ProposalFailedException(Kind kind, String message) {
        this(kind, null, message);
    }

    public Kind kind() {
        return kind;
    }

    /** The leader as this node believes it, or null. */
    public NodeId leaderHint() {
        return leaderHint;
    }

    public boolean retryable() {
        return kind != Kind.REFUSED;
    }
}
