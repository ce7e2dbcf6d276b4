package io.kairos.raft;

/**
 * What became of a proposal, a membership change or a transfer request. Expected outcomes are
 * values, not exceptions.
 */
public sealed interface ProposeResult
        permits ProposeResult.Accepted, ProposeResult.NotLeader, ProposeResult.Busy, ProposeResult.Refused {

    /**
     * Appended to the leader's log at {@code index} in {@code term}. It is committed if and when an
     * entry with this index and term is applied; if another term's entry appears at the index, the
     * proposal was lost in a leader change and may be retried.
     */
    record Accepted(long index, long term) implements ProposeResult {
    }

    /** This node is not the leader; {@code leaderHint} is the leader it knows of, or {@code null}. */
    record NotLeader(NodeId leaderHint) implements ProposeResult {
    }

    /** Retry later: too many uncommitted entries, a transfer or a membership change in progress. */
    record Busy(String reason) implements ProposeResult {
    }

    /** The request is invalid and retrying will not help. */
    record Refused(String reason) implements ProposeResult {
    }
}
