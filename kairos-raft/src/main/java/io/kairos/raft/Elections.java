package io.kairos.raft;

import io.kairos.raft.message.TimeoutNow;
import io.kairos.raft.message.VoteRequest;
import io.kairos.raft.message.VoteResponse;
import io.kairos.raft.quorum.VoteResult;

/** Leader election (Raft §5.2) with pre-vote (thesis §9.6) and transfer campaigns (thesis §3.10). */
final class Elections {

    private final RaftNode node;

    Elections(RaftNode node) {
        this.node = node;
    }

    /** A follower's or candidate's tick: campaign when the randomized election timeout passes. */
    void tick() {
        node.electionElapsed++;
        if (node.electionElapsed >= node.randomizedElectionTimeout && node.isPromotable()) {
            campaign(node.config.preVote(), false);
        }
    }

    /**
     * Starts a pre-vote poll, or an election straight away when pre-vote is off or the campaign
     * comes from a leadership transfer.
     */
    void campaign(boolean preVote, boolean transfer) {
        if (node.role == Role.LEADER || !node.isPromotable()) {
            return;
        }
        if (preVote) {
            node.becomePreCandidate();
        } else {
            node.becomeCandidate();
        }
        long campaignTerm = preVote ? node.term + 1 : node.term;
        node.campaign.record(node.id, true);
        if (node.campaign.tally(node.membership) == VoteResult.WON) {
            onWon(); // a single-voter cluster
            return;
        }
        long lastIndex = node.log.lastIndex();
        long lastTerm = node.log.lastTerm();
        for (NodeId voter : node.membership.members()) {
            if (!voter.equals(node.id) && node.membership.isVoter(voter)) {
                node.send(new VoteRequest(node.id, voter, campaignTerm, lastIndex, lastTerm, preVote, transfer));
            }
        }
    }

    private void onWon() {
        if (node.campaign.isPreVote()) {
            campaign(false, false);
        } else {
            node.becomeLeader();
        }
    }

    /** Raft §5.2 and §5.4.1: grant if we have not voted otherwise and the candidate's log is up to date. */
    void onVoteRequest(VoteRequest v) {
        boolean canVote = v.from().equals(node.votedFor)
                || (node.votedFor == null && node.leader == null)
                || (v.preVote() && v.term() > node.term);
        boolean granted = canVote && node.log.isUpToDate(v.lastIndex(), v.lastTerm());
        if (granted && !v.preVote()) {
            node.votedFor = v.from();
            node.electionElapsed = 0;
        }
        long answerTerm = v.preVote() && granted ? v.term() : node.term;
        node.send(new VoteResponse(node.id, v.from(), answerTerm, v.preVote(), granted));
    }

    void onVoteResponse(VoteResponse r) {
        Campaign campaign = node.campaign;
        if (campaign == null || campaign.isPreVote() != r.preVote()) {
            return; // a late answer to a campaign we already finished
        }
        // A granted pre-vote echoes the term we would campaign in; a refusal carries the voter's term.
        long expectedTerm = r.preVote() && r.granted() ? node.term + 1 : node.term;
        if (r.term() != expectedTerm) {
            return;
        }
        campaign.record(r.from(), r.granted());
        VoteResult result = campaign.tally(node.membership);
        if (result == VoteResult.WON) {
            onWon();
        } else if (result == VoteResult.LOST) {
            node.becomeFollower(node.term, null);
        }
    }

    /** The leader of our term hands over: campaign now, without a pre-vote, overriding leases. */
    void onTimeoutNow(TimeoutNow t) {
        if (!node.isPromotable()) {
            return;
        }
        campaign(false, true);
    }
}
