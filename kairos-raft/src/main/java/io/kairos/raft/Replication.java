package io.kairos.raft;

import io.kairos.raft.message.AppendRequest;
import io.kairos.raft.message.AppendResponse;
import io.kairos.raft.message.Heartbeat;
import io.kairos.raft.message.HeartbeatResponse;
import io.kairos.raft.message.InstallSnapshot;
import io.kairos.raft.message.TimeoutNow;
import io.kairos.raft.quorum.JointQuorum;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The leader's side of replication (Raft §5.3): heartbeats, batched and pipelined appends with
 * per-follower flow control, snapshots for followers behind the log, the commit rule, check-quorum
 * and leadership transfer.
 */
final class Replication {

    private final RaftNode node;

    Replication(RaftNode node) {
        this.node = node;
    }

    private LeaderState leader() {
        return node.leaderState;
    }

    /** A new term of leadership: track every member, append the term's blank entry, announce it. */
    void startTerm() {
        for (NodeId member : node.membership.members()) {
            track(member);
        }
        node.log.append(List.of(new LogEntry.Noop(node.log.lastIndex() + 1, node.term)));
        broadcastAppend();
        broadcastHeartbeat();
    }

    /** Starts tracking a member's progress, optimistically assuming it has our whole log. */
    void track(NodeId member) {
        if (!member.equals(node.id)) {
            leader().progress.computeIfAbsent(member, m -> new Progress(node.log.lastIndex() + 1,
                    node.config.maxInflightMessages()));
        }
    }

    void tick() {
        LeaderState ls = leader();
        node.heartbeatElapsed++;
        node.electionElapsed++;
        if (ls.isTransferring() && ++ls.transferElapsedTicks >= node.config.electionTimeoutTicks()) {
            ls.abortTransfer(); // the target did not take over within an election timeout
        }
        if (node.electionElapsed >= node.config.electionTimeoutTicks()) {
            node.electionElapsed = 0;
            if (node.config.checkQuorum() && !quorumActive()) {
                // Thesis §6.2: a leader that cannot hear a quorum steps down rather than lead alone.
                node.becomeFollower(node.term, null);
                return;
            }
            for (Progress p : ls.progress.values()) {
                p.setRecentActive(false);
            }
        }
        for (Map.Entry<NodeId, Progress> e : ls.progress.entrySet()) {
            if (e.getValue().snapshotTimedOut(node.config.electionTimeoutTicks())) {
                e.getValue().becomeProbe(); // the snapshot or its answer was lost: probe again
            }
        }
        if (node.heartbeatElapsed >= node.config.heartbeatTicks()) {
            node.heartbeatElapsed = 0;
            broadcastHeartbeat();
        }
    }

    private boolean quorumActive() {
        Set<NodeId> active = new HashSet<>();
        active.add(node.id);
        leader().progress.forEach((id, p) -> {
            if (p.recentActive()) {
                active.add(id);
            }
        });
        return JointQuorum.of(node.membership).isQuorum(active);
    }

    ProposeResult propose(byte[] command) {
        if (node.role != Role.LEADER) {
            return new ProposeResult.NotLeader(node.leader);
        }
        if (leader().isTransferring()) {
            return new ProposeResult.Busy("leadership transfer to " + leader().transferTarget + " in progress");
        }
        long uncommitted = node.log.lastIndex() - node.log.committed();
        if (uncommitted >= node.config.maxUncommittedEntries()) {
            return new ProposeResult.Busy(uncommitted + " entries are waiting to commit");
        }
        return appendAndBroadcast(new LogEntry.Command(node.log.lastIndex() + 1, node.term, command));
    }

    ProposeResult.Accepted appendAndBroadcast(LogEntry entry) {
        node.log.append(List.of(entry));
        broadcastAppend();
        return new ProposeResult.Accepted(entry.index(), entry.term());
    }

    /** Sends every follower what it lacks, or at least the commit index. */
    void broadcastAppend() {
        for (NodeId follower : leader().progress.keySet()) {
            sendAppend(follower, true);
        }
    }

    /**
     * Starts a heartbeat round.
     *
     * @return the round's sequence number
     */
    long broadcastHeartbeat() {
        LeaderState ls = leader();
        long sequence = ++ls.heartbeatSequence;
        ls.roundSentAt.put(sequence, node.now);
        long commit = node.log.committed();
        ls.progress.forEach((follower, p) -> node.send(
                new Heartbeat(node.id, follower, node.term, Math.min(p.match(), commit), sequence)));
        node.reads().onRoundAcknowledged();
        return sequence;
    }

    /**
     * Sends the follower its next batch of entries, or a snapshot if the log no longer has them.
     *
     * @param sendIfEmpty whether to send an empty append (to carry the commit index) when the
     *     follower already has everything
     * @return whether a message was sent
     */
    boolean sendAppend(NodeId to, boolean sendIfEmpty) {
        Progress p = leader().progressOrThrow(to);
        if (p.isPaused()) {
            return false;
        }
        RaftLog log = node.log;
        long prevIndex = p.next() - 1;
        long prevTerm = log.term(prevIndex);
        List<LogEntry> entries = log.slice(p.next(), log.lastIndex() + 1, node.config.maxEntriesPerMessage(),
                node.config.maxBytesPerMessage());
        if (prevTerm < 0 || entries == null) {
            return sendSnapshot(to, p);
        }
        if (entries.isEmpty() && !sendIfEmpty) {
            return false;
        }
        node.send(new AppendRequest(node.id, to, node.term, prevIndex, prevTerm, entries, log.committed()));
        p.sentEntries(prevIndex + entries.size(), entries.size());
        return true;
    }

    private boolean sendSnapshot(NodeId to, Progress p) {
        Snapshot snapshot = node.log.snapshot();
        p.becomeSnapshot(snapshot.index());
        node.send(new InstallSnapshot(node.id, to, node.term, snapshot));
        return true;
    }

    void onAppendResponse(AppendResponse r) {
        if (node.role != Role.LEADER) {
            return;
        }
        Progress p = leader().progress.get(r.from());
        if (p == null) {
            return; // no longer a member
        }
        p.setRecentActive(true);
        if (!r.success()) {
            onRejected(r, p);
            return;
        }
        boolean wasPaused = p.isPaused();
        if (!p.maybeUpdate(r.index())) {
            return;
        }
        switch (p.state()) {
            case PROBE -> p.becomeReplicate();
            case SNAPSHOT -> {
                if (p.match() >= p.pendingSnapshot()) {
                    p.becomeProbe();
                    p.becomeReplicate();
                }
            }
            case REPLICATE -> p.freeInflightsUpTo(r.index());
        }
        boolean committed = maybeCommitAndBroadcast();
        if (node.role != Role.LEADER || leader().progress.get(r.from()) != p) {
            return; // the commit applied a configuration that removed us, or the sender
        }
        if (!committed && wasPaused) {
            sendAppend(r.from(), false);
        }
        // Fill the pipeline while the window has room.
        while (sendAppend(r.from(), false)) {
            // keep sending
        }
        maybeSendTimeoutNow(r.from(), p);
    }

    private void onRejected(AppendResponse r, Progress p) {
        // Find our last entry at or before the follower's hint whose term is at most the hint's term:
        // everything after it in the follower's log belongs to terms we do not have there.
        long next = r.hintTerm() > 0 ? node.log.hintIndexFor(r.hintIndex(), r.hintTerm()) : r.hintIndex();
        if (p.maybeDecrease(r.index(), next)) {
            if (p.state() == Progress.State.REPLICATE) {
                p.becomeProbe();
            }
            sendAppend(r.from(), true);
        }
    }

    void onHeartbeatResponse(HeartbeatResponse r) {
        if (node.role != Role.LEADER) {
            return;
        }
        Progress p = leader().progress.get(r.from());
        if (p == null) {
            return;
        }
        p.setRecentActive(true);
        p.ackSequence(r.sequence());
        p.onHeartbeat();
        if (p.match() < node.log.lastIndex()) {
            // Send even when nothing new is left to send: if the appends in flight were lost, the
            // follower's refusal of this one sends us back to probing from what it really holds.
            sendAppend(r.from(), true);
        }
        node.reads().onRoundAcknowledged();
    }

    /**
     * Advances the commit index to what a quorum holds, if that entry is of our term, and then tells
     * the followers.
     *
     * @return whether the commit index moved
     */
    boolean maybeCommitAndBroadcast() {
        if (node.role != Role.LEADER) {
            return false;
        }
        LeaderState ls = leader();
        long stable = node.log.stableIndex();
        long quorumIndex = JointQuorum.of(node.membership).committed(id -> {
            if (id.equals(node.id)) {
                return stable;
            }
            Progress p = ls.progress.get(id);
            return p == null ? 0 : p.match();
        });
        long oldCommit = node.log.committed();
        // §5.4.2: only entries of the leader's own term commit by counting replicas.
        if (!node.log.maybeCommit(quorumIndex, node.term)) {
            return false;
        }
        node.onCommitAdvanced(oldCommit);
        if (node.role != Role.LEADER) {
            return true; // the committed configuration removed us
        }
        node.reads().onCommitAdvanced();
        node.reconfiguration().maybeLeaveJoint();
        broadcastAppend();
        return true;
    }

    ProposeResult transferLeadership(NodeId target) {
        if (node.role != Role.LEADER) {
            return new ProposeResult.NotLeader(node.leader);
        }
        if (target.equals(node.id)) {
            return new ProposeResult.Refused(node.id + " is already the leader");
        }
        if (!node.membership.isVoter(target)) {
            return new ProposeResult.Refused(target + " is not a voter of " + node.membership);
        }
        LeaderState ls = leader();
        if (target.equals(ls.transferTarget)) {
            return new ProposeResult.Busy("transfer to " + target + " already in progress");
        }
        ls.transferTarget = target;
        ls.transferElapsedTicks = 0;
        ls.leaseForfeited = true;
        Progress p = ls.progressOrThrow(target);
        if (!maybeSendTimeoutNow(target, p)) {
            sendAppend(target, true); // catch the target up first
        }
        return new ProposeResult.Accepted(node.log.lastIndex(), node.term);
    }

    /** Completes a transfer once its target holds our whole log. */
    private boolean maybeSendTimeoutNow(NodeId follower, Progress p) {
        if (follower.equals(leader().transferTarget) && p.match() == node.log.lastIndex()) {
            node.send(new TimeoutNow(node.id, follower, node.term));
            return true;
        }
        return false;
    }
}
