package io.kairos.raft.message;

import io.kairos.raft.NodeId;

/** The answer to a {@link VoteRequest}; for a granted pre-vote, {@code term} echoes the request's. */
public record VoteResponse(NodeId from, NodeId to, long term, boolean preVote, boolean granted)
        implements Message {

    public VoteResponse {
        Message.validate(from, to, term);
    }
}
