package io.kairos.raft;

/**
 * What a node must persist before it sends any message that depends on it (Raft Figure 2).
 *
 * @param term the latest term the node has seen
 * @param votedFor the candidate voted for in {@code term}, or {@code null}
 * @param commitIndex the highest index known committed (persisting it is an optimisation for restart)
 */
public record HardState(long term, NodeId votedFor, long commitIndex) {

    public static final HardState EMPTY = new HardState(0, null, 0);

    public HardState {
        if (term < 0 || commitIndex < 0) {
            throw new IllegalArgumentException("term and commitIndex must be >= 0, got " + term + ", " + commitIndex);
        }
    }
}
