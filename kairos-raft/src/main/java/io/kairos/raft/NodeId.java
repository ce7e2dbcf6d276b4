package io.kairos.raft;

/**
 * The identity of one Raft member. Positive and stable for the life of the member's data.
 *
 * @param value the numeric id, at least 1
 */
public record NodeId(int value) implements Comparable<NodeId> {

    public NodeId {
        if (value < 1) {
            throw new IllegalArgumentException("node id must be >= 1, got " + value);
        }
    }

    public static NodeId of(int value) {
        return new NodeId(value);
    }

    @Override
    public int compareTo(NodeId other) {
        return Integer.compare(value, other.value);
    }

    @Override
    public String toString() {
        return "n" + value;
    }
}
