package io.kairos.raft;

import io.kairos.raft.message.AppendRequest;
import io.kairos.raft.message.AppendResponse;
import io.kairos.raft.message.Heartbeat;
import io.kairos.raft.message.InstallSnapshot;
import io.kairos.raft.message.Message;
import io.kairos.raft.message.VoteRequest;
import io.kairos.raft.message.VoteResponse;

/**
 * The term rules every message passes before a role looks at it (Raft §5.1), with the exceptions
 * pre-vote and leader stickiness make to them (thesis §9.6 and §4.2.3).
 */
final class Terms {

    private final RaftNode node;

    Terms(RaftNode node) {
        this.node = node;
    }

    /**
     * Raft §5.1 term rules, before any role looks at the message.
     *
     * @return whether the message should be dispatched to the role
     */
    boolean accept(Message m) {
        if (m.term() > node.term) {
            if (m instanceof VoteRequest v) {
                if (!v.transfer() && inLeaderLease()) {
                    // Thesis §4.2.3: a node that heard from a live leader within the minimum election
                    // timeout ignores (pre-)votes, so a removed or partitioned node cannot disrupt it.
                    return false;
                }
                if (v.preVote()) {
                    return true; // a pre-vote speaks of a future term; nobody changes term for it
                }
            } else if (m instanceof VoteResponse r && r.preVote() && r.granted()) {
                return true; // granted pre-votes echo our future term; we move when we win the poll
            } else if (!isFromLeader(m) && node.role == Role.FOLLOWER && inLeaderLease()) {
                // Our leader's lease counts on us not voting for an election timeout. Moving to a
                // newer term on the word of a node that does not lead it (say a late answer to
                // our own pre-vote) would drop our leader, and we would vote in that term at once.
                return false;
            }
            NodeId newLeader = isFromLeader(m) ? m.from() : null;
            node.becomeFollower(m.term(), newLeader);
            return true;
        }
        if (m.term() < node.term) {
            if (isFromLeader(m) && (node.config.checkQuorum() || node.config.preVote())) {
                // A stale leader would otherwise never learn of the new term: with pre-vote or
                // check-quorum we do not raise our term on its behalf, so tell it.
                node.send(AppendResponse.rejected(node.id, m.from(), node.term, 0, 0, 0));
            } else if (m instanceof VoteRequest v && v.preVote()) {
                node.send(new VoteResponse(node.id, m.from(), node.term, true, false));
            }
            return false;
        }
        return true;
    }

    private static boolean isFromLeader(Message m) {
        return m instanceof AppendRequest || m instanceof Heartbeat || m instanceof InstallSnapshot;
    }

    /**
     * Whether we heard from a leader of our term within the minimum election timeout, or restarted
     * less than a minimum election timeout ago: a lease we acknowledged before going down may
     * still hold, and a vote now could elect a leader beside it.
     */
    boolean inLeaderLease() {
        if (!node.config.checkQuorum()) {
            return false;
        }
        if (node.leader != null) {
            return node.electionElapsed < node.config.electionTimeoutTicks();
        }
        return node.restarted && node.now < node.config.electionTimeoutTicks();
    }
}
