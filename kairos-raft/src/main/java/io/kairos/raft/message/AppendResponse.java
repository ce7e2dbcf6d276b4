package io.kairos.raft.message;

import io.kairos.raft.NodeId;

/**
 * The answer to an {@link AppendRequest} or {@link InstallSnapshot}.
 *
 * <p>On success, {@code index} is the last index the follower now knows matches the leader. On
 * rejection, {@code index} is the request's {@code prevIndex} and ({@code hintIndex},
 * {@code hintTerm}) is the follower's last entry at or before it whose term is at most the
 * leader's {@code prevTerm}: the leader can jump there, skipping a whole conflicting term per round
 * trip instead of one entry.
 */
public record AppendResponse(NodeId from, NodeId to, long term, boolean success, long index, long hintIndex,
        long hintTerm) implements Message {

    public AppendResponse {
        Message.validate(from, to, term);
        if (index < 0 || hintIndex < 0 || hintTerm < 0) {
            throw new IllegalArgumentException("negative index in append response " + index + ", hint " + hintIndex
                    + "@" + hintTerm);
        }
    }

    public static AppendResponse accepted(NodeId from, NodeId to, long term, long matchIndex) {
        return new AppendResponse(from, to, term, true, matchIndex, 0, 0);
    }

    public static AppendResponse rejected(NodeId from, NodeId to, long term, long rejectedIndex, long hintIndex,
            long hintTerm) {
        return new AppendResponse(from, to, term, false, rejectedIndex, hintIndex, hintTerm);
    }
}
