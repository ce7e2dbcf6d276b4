package io.kairos.raft.quorum;

import io.kairos.raft.NodeId;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;

/** Majority decisions over one set of voters. An empty set agrees to everything (the joint identity). */
public record MajorityQuorum(Set<NodeId> voters) {

    public MajorityQuorum {
        voters = Set.copyOf(voters);
    }

    /** Voters needed for a majority. */
    public int size() {
        return voters.size() / 2 + 1;
    }

    /**
     * The highest value that a majority of voters has reached: with acknowledged match indexes, the
     * highest index stored on a quorum. Voters missing from {@code acked} count as 0.
     */
    public long committed(ToLongFunction<NodeId> acked) {
        if (voters.isEmpty()) {
            return Long.MAX_VALUE;
        }
        long[] values = new long[voters.size()];
        int i = 0;
        for (NodeId id : voters) {
            values[i++] = acked.applyAsLong(id);
        }
        Arrays.sort(values);
        // Ascending order: the element at n - majority is reached by exactly a majority or more.
        return values[values.length - size()];
    }

    /** Tallies votes: {@code true} granted, {@code false} refused, absent not yet answered. */
    public VoteResult tally(Map<NodeId, Boolean> votes) {
        if (voters.isEmpty()) {
            return VoteResult.WON;
        }
        int granted = 0;
        int missing = 0;
        for (NodeId id : voters) {
            Boolean vote = votes.get(id);
            if (vote == null) {
                missing++;
            } else if (vote) {
                granted++;
            }
        }
        if (granted >= size()) {
            return VoteResult.WON;
        }
        return granted + missing >= size() ? VoteResult.PENDING : VoteResult.LOST;
    }
}
