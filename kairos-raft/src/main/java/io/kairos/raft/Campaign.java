package io.kairos.raft;

import io.kairos.raft.quorum.JointQuorum;
import io.kairos.raft.quorum.VoteResult;
import java.util.HashMap;
import java.util.Map;

/** The votes of one (pre-)campaign; a new object for every campaign, so no vote leaks across terms. */
final class Campaign {

    private final boolean preVote;
    private final Map<NodeId, Boolean> votes = new HashMap<>();

    Campaign(boolean preVote) {
        this.preVote = preVote;
    }

    boolean isPreVote() {
        return preVote;
    }

    /** Records a voter's answer; the first answer of each voter counts. */
    void record(NodeId voter, boolean granted) {
        votes.putIfAbsent(voter, granted);
    }

    VoteResult tally(Membership membership) {
        return JointQuorum.of(membership).tally(votes);
    }
}
