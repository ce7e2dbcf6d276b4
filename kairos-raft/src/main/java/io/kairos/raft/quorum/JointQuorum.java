package io.kairos.raft.quorum;

import io.kairos.raft.Membership;
import io.kairos.raft.NodeId;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Decisions of a possibly joint configuration: a majority of the incoming voters and, while joint,
 * a separate majority of the outgoing ones (Raft §6). Without outgoing voters it is a plain majority.
 */
public record JointQuorum(MajorityQuorum incoming, MajorityQuorum outgoing) {

    public static JointQuorum of(Membership membership) {
        return new JointQuorum(new MajorityQuorum(membership.voters()), new MajorityQuorum(membership.outgoingVoters()));
    }

    /** The highest index both halves have replicated to a majority of their voters. */
    public long committed(ToLongFunction<NodeId> acked) {
        return Math.min(incoming.committed(acked), outgoing.committed(acked));
    }

    public VoteResult tally(Map<NodeId, Boolean> votes) {
        VoteResult in = incoming.tally(votes);
        VoteResult out = outgoing.tally(votes);
        if (in == VoteResult.LOST || out == VoteResult.LOST) {
            return VoteResult.LOST;
        }
        if (in == VoteResult.WON && out == VoteResult.WON) {
            return VoteResult.WON;
        }
        return VoteResult.PENDING;
    }

    /** Whether the set of nodes that answered forms a quorum in both halves. */
    public boolean isQuorum(java.util.Set<NodeId> answered) {
        return committed(id -> answered.contains(id) ? 1 : 0) >= 1;
    }
}
