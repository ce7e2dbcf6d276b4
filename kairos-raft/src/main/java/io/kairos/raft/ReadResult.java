package io.kairos.raft;

/** What became of a read request. */
public sealed interface ReadResult permits ReadResult.Queued, ReadResult.NotLeader {

    /**
     * The read is being confirmed; a {@link ReadState} with the request's id will come in a later
     * {@link Ready}, or never if leadership changes (the caller times out and retries).
     */
    record Queued() implements ReadResult {
    }

    /** No leader is known, or this leader cannot serve reads right now; retry at {@code leaderHint}. */
    record NotLeader(NodeId leaderHint) implements ReadResult {
    }
}
