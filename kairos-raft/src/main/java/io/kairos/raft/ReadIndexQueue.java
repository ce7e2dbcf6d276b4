package io.kairos.raft;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads waiting for a quorum to confirm the leader still leads (thesis §6.4). Each read remembers
 * the commit index when it arrived and the heartbeat round sent after it; once a quorum has
 * acknowledged that round, the read index is safe. Rounds only increase, so the queue is in order.
 */
final class ReadIndexQueue {

    /** A read waiting for its heartbeat round. {@code requester} is the follower that forwarded it, or null. */
    record PendingRead(long requestId, NodeId requester, long readIndex, long sequence) {
    }

    private final ArrayDeque<PendingRead> pending = new ArrayDeque<>();

    void add(PendingRead read) {
        pending.addLast(read);
    }

    /** Removes and returns every read whose round is at or below {@code ackedSequence}. */
    List<PendingRead> release(long ackedSequence) {
        List<PendingRead> out = new ArrayList<>();
        while (!pending.isEmpty() && pending.peekFirst().sequence() <= ackedSequence) {
            out.add(pending.pollFirst());
        }
        return out;
    }

    int size() {
        return pending.size();
    }
}
