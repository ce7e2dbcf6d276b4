package io.kairos.raft;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything only a leader has, created fresh in {@code becomeLeader} so that nothing survives into
 * another term: per-follower progress, heartbeat rounds and their send times (for reads and the
 * lease), reads waiting for the first commit of the term, the transfer in progress and the pending
 * configuration change.
 */
final class LeaderState {

    final Map<NodeId, Progress> progress = new HashMap<>();
    final ReadIndexQueue reads = new ReadIndexQueue();
    /** Reads that arrived before the leader committed an entry of its own term (thesis §6.4 step 1). */
    final List<ReadIndexQueue.PendingRead> readsAwaitingCommit = new ArrayList<>();

    /** Sequence number of the latest heartbeat round sent. */
    long heartbeatSequence;
    /** Tick at which each not-yet-quorum-acknowledged round was sent. */
    final TreeMap<Long, Long> roundSentAt = new TreeMap<>();
    /** Tick until which the lease holds (exclusive); a quorum acknowledged a round sent leaseTicks before. */
    long leaseUntilTick = Long.MIN_VALUE;

    /** Index of the latest configuration entry appended; no new change until it commits. */
    long pendingConfigIndex;

    /** Target of a leadership transfer in progress, or {@code null}. */
    NodeId transferTarget;
    int transferElapsedTicks;
    /**
     * Set once a transfer starts in this term, and never cleared: its TimeoutNow may elect the target
     * at any later time, with votes that ignore the lease the voters promised us.
     */
    boolean leaseForfeited;

    LeaderState(long pendingConfigIndex) {
        this.pendingConfigIndex = pendingConfigIndex;
    }

    Progress progressOrThrow(NodeId id) {
        Progress p = progress.get(id);
        if (p == null) {
            throw new IllegalStateException("no progress for " + id + "; tracking " + progress.keySet());
        }
        return p;
    }

    boolean isTransferring() {
        return transferTarget != null;
    }

    void abortTransfer() {
        transferTarget = null;
        transferElapsedTicks = 0;
    }
}
