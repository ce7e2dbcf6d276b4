package io.kairos.raft;

import java.util.List;
import java.util.Set;

/**
 * Membership changes by joint consensus (Raft §6, thesis §4.3). A configuration takes effect on a
 * node when the node learns it is committed; the leader then proposes the next step. Entering
 * the joint configuration is committed under the old rules, leaving it under joint rules, so any
 * two quorums that could decide overlap at every step. One change at a time.
 */
final class Reconfiguration {

    private final RaftNode node;

    Reconfiguration(RaftNode node) {
        this.node = node;
    }

    ProposeResult propose(Set<NodeId> voters, Set<NodeId> learners) {
        if (node.role != Role.LEADER) {
            return new ProposeResult.NotLeader(node.leader);
        }
        LeaderState ls = node.leaderState;
        if (ls.isTransferring()) {
            return new ProposeResult.Busy("leadership transfer to " + ls.transferTarget + " in progress");
        }
        if (ls.pendingConfigIndex > node.log.committed() || node.membership.isJoint()) {
            return new ProposeResult.Busy("a membership change is still in progress: " + node.membership);
        }
        Membership current = node.membership;
        Membership target;
        try {
            target = Membership.of(voters, learners);
        } catch (IllegalArgumentException e) {
            return new ProposeResult.Refused(e.getMessage());
        }
        if (target.equals(current)) {
            return new ProposeResult.Refused("the membership is already " + current);
        }
        for (NodeId learner : target.learners()) {
            if (current.isVoter(learner)) {
                return new ProposeResult.Refused("cannot demote voter " + learner
                        + " to learner directly; remove it, then add it as a learner");
            }
        }
        for (NodeId voter : target.voters()) {
            if (!current.isVoter(voter)) {
                String refusal = checkPromotable(voter);
                if (refusal != null) {
                    return new ProposeResult.Refused(refusal);
                }
            }
        }
        Membership next = target.voters().equals(current.voters()) ? target : current.enterJoint(target);
        ProposeResult.Accepted accepted = node.replication().appendAndBroadcast(
                new LogEntry.Config(node.log.lastIndex() + 1, node.term, next));
        ls.pendingConfigIndex = accepted.index();
        return accepted;
    }

    /** A new voter must be a learner that has caught up, so that adding it cannot stall commits. */
    private String checkPromotable(NodeId voter) {
        if (!node.membership.isLearner(voter)) {
            return voter + " must first join as a learner and catch up before it can vote";
        }
        Progress p = node.leaderState.progress.get(voter);
        long lag = node.log.lastIndex() - (p == null ? 0 : p.match());
        if (lag > node.config.maxEntriesPerMessage()) {
            return "learner " + voter + " is " + lag + " entries behind; promote it once it has caught up";
        }
        return null;
    }

    /** The leader leaves a committed joint configuration by proposing its incoming half. */
    void maybeLeaveJoint() {
        LeaderState ls = node.leaderState;
        if (ls == null || !node.membership.isJoint() || ls.pendingConfigIndex > node.log.committed()) {
            return;
        }
        ProposeResult.Accepted accepted = node.replication().appendAndBroadcast(
                new LogEntry.Config(node.log.lastIndex() + 1, node.term, node.membership.leaveJoint()));
        ls.pendingConfigIndex = accepted.index();
    }

    /** Applies the last configuration entry in {@code (fromExclusive, toInclusive]}, if any. */
    void applyCommittedConfigs(long fromExclusive, long toInclusive) {
        if (toInclusive <= fromExclusive) {
            return;
        }
        List<LogEntry> entries = node.log.slice(Math.max(fromExclusive + 1, node.log.firstIndex()), toInclusive + 1,
                Integer.MAX_VALUE, Long.MAX_VALUE);
        LogEntry.Config latest = null;
        for (LogEntry e : entries) {
            if (e instanceof LogEntry.Config c) {
                latest = c;
            }
        }
        if (latest != null) {
            switchTo(latest.membership(), latest.index());
        }
    }

    /** A follower installed a snapshot: its configuration is the snapshot's. */
    void restore(SnapshotMeta meta) {
        switchTo(meta.membership(), meta.index());
    }

    private void switchTo(Membership membership, long index) {
        if (index < node.membershipIndex) {
            return;
        }
        node.membership = membership;
        node.membershipIndex = index;
        LeaderState ls = node.leaderState;
        if (ls == null) {
            return;
        }
        Set<NodeId> members = membership.members();
        ls.progress.keySet().retainAll(members);
        for (NodeId member : members) {
            node.replication().track(member);
        }
        if (ls.transferTarget != null && !membership.isVoter(ls.transferTarget)) {
            ls.abortTransfer();
        }
        if (!membership.isVoter(node.id)) {
            // Thesis §4.2.2: the leader of a configuration that excludes it steps down once that
            // configuration is committed; until then it managed the cluster without counting itself.
            node.becomeFollower(node.term, null);
        }
    }
}
