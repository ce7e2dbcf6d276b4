package io.kairos.raft;

/** The role a node plays in its current term. */
public enum Role {
    FOLLOWER,
    /** Polling peers with a pre-vote before disturbing anyone's term (thesis §9.6). */
    PRE_CANDIDATE,
    CANDIDATE,
    LEADER
}
