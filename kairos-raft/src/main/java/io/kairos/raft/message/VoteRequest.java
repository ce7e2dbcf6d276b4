package io.kairos.raft.message;

import io.kairos.raft.NodeId;

/**
 * RequestVote (Raft §5.2), or a pre-vote poll (thesis §9.6) when {@code preVote} is set; then
 * {@code term} is the term the sender would campaign in, and nobody changes term on account of it.
 *
 * @param lastIndex index of the sender's last log entry
 * @param lastTerm term of the sender's last log entry
 * @param transfer set when the campaign was started by {@link TimeoutNow}: voters then grant even
 *     if they heard from a leader recently
 */
public record VoteRequest(NodeId from, NodeId to, long term, long lastIndex, long lastTerm, boolean preVote,
        boolean transfer) implements Message {

    public VoteRequest {
        Message.validate(from, to, term);
        if (lastIndex < 0 || lastTerm < 0 || lastTerm > term) {
            throw new IllegalArgumentException("invalid last log position " + lastIndex + "@" + lastTerm
                    + " for term " + term);
        }
    }
}
