package io.kairos.raft;

import io.kairos.raft.message.ReadIndexRequest;
import io.kairos.raft.message.ReadIndexResponse;
import io.kairos.raft.quorum.JointQuorum;
import java.util.ArrayList;
import java.util.List;

/**
 * Linearizable reads without writing to the log (thesis §6.4): ReadIndex confirmed by a heartbeat
 * round, and lease-based reads while a quorum's acknowledgement of a recent round still holds.
 */
final class Reads {

    private final RaftNode node;

    Reads(RaftNode node) {
        this.node = node;
    }

    ReadResult read(long requestId) {
        if (node.role == Role.LEADER) {
            serve(new ReadIndexQueue.PendingRead(requestId, null, 0, 0));
            return new ReadResult.Queued();
        }
        if (node.leader == null) {
            return new ReadResult.NotLeader(null);
        }
        node.send(new ReadIndexRequest(node.id, node.leader, node.term, requestId));
        return new ReadResult.Queued();
    }

    void onReadIndexRequest(ReadIndexRequest r) {
        if (node.role == Role.LEADER) {
            serve(new ReadIndexQueue.PendingRead(r.requestId(), r.from(), 0, 0));
        }
        // Otherwise drop it: the follower's client times out and retries where the leader is now.
    }

    void onReadIndexResponse(ReadIndexResponse r) {
        if (r.from().equals(node.leader)) {
            node.addReadState(new ReadState(r.requestId(), r.readIndex()));
        }
    }

    private void serve(ReadIndexQueue.PendingRead read) {
        LeaderState ls = node.leaderState;
        if (!committedInTerm()) {
            // Step 1 of ReadIndex: until an entry of its term commits, the leader's commit index
            // may be behind what earlier leaders committed.
            ls.readsAwaitingCommit.add(read);
            return;
        }
        long readIndex = node.log.committed();
        if (leaseHolds()) {
            release(read, readIndex);
            return;
        }
        long sequence = ls.heartbeatSequence + 1;
        ls.reads.add(new ReadIndexQueue.PendingRead(read.requestId(), read.requester(), readIndex, sequence));
        node.replication().broadcastHeartbeat();
    }

    private void release(ReadIndexQueue.PendingRead read, long readIndex) {
        if (read.requester() == null) {
            node.addReadState(new ReadState(read.requestId(), readIndex));
        } else {
            node.send(new ReadIndexResponse(node.id, read.requester(), node.term, read.requestId(), readIndex));
        }
    }

    private boolean committedInTerm() {
        return node.log.term(node.log.committed()) == node.term;
    }

    /**
     * A follower acknowledged a heartbeat round (or one was sent, which is enough for a lone
     * voter): release the reads a quorum has now confirmed, and extend the lease.
     */
    void onRoundAcknowledged() {
        LeaderState ls = node.leaderState;
        long quorumSequence = JointQuorum.of(node.membership).committed(id -> {
            if (id.equals(node.id)) {
                return ls.heartbeatSequence;
            }
            Progress p = ls.progress.get(id);
            return p == null ? 0 : p.ackedSequence();
        });
        if (quorumSequence < 1) {
            return;
        }
        Long sentAt = ls.roundSentAt.get(quorumSequence);
        if (sentAt != null) {
            // Every voter of the quorum reset its election timer at or after sentAt, and ignores
            // votes for a minimum election timeout after that: no other leader before
            // sentAt + electionTimeout. The drift margin keeps us clear of that moment.
            ls.leaseUntilTick = Math.max(ls.leaseUntilTick, sentAt + node.config.leaseTicks());
            ls.roundSentAt.headMap(quorumSequence).clear();
        }
        for (ReadIndexQueue.PendingRead read : ls.reads.release(quorumSequence)) {
            release(read, read.readIndex());
        }
    }

    /** The commit index moved: reads that waited for the term's first commit may proceed. */
    void onCommitAdvanced() {
        LeaderState ls = node.leaderState;
        if (ls.readsAwaitingCommit.isEmpty() || !committedInTerm()) {
            return;
        }
        List<ReadIndexQueue.PendingRead> waiting = new ArrayList<>(ls.readsAwaitingCommit);
        ls.readsAwaitingCommit.clear();
        for (ReadIndexQueue.PendingRead read : waiting) {
            serve(read);
        }
    }

    /**
     * The lease holds only with check-quorum on (followers then ignore votes while they hear from
     * us), never after a transfer started in this term (its TimeoutNow tells followers to ignore
     * that rule, and may still take effect after we abandoned the transfer), and after the term's
     * first commit.
     */
    boolean leaseHolds() {
        LeaderState ls = node.leaderState;
        return ls != null && node.config.checkQuorum() && !ls.leaseForfeited && node.now < ls.leaseUntilTick
                && committedInTerm();
    }
}
