package io.kairos.raft.quorum;

/** The outcome of an election as far as the votes received so far tell. */
public enum VoteResult {
    /** A quorum granted. */
    WON,
    /** Enough refused that no quorum can grant any more. */
    LOST,
    /** Neither yet. */
    PENDING
}
