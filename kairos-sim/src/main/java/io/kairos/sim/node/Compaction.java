package io.kairos.sim.node;

import io.kairos.raft.Membership;
import io.kairos.sim.kv.KvSnapshot;
import java.util.ArrayDeque;

/**
 * A node's snapshots of its own state machine. Every so many applied entries it captures the
 * state (an immutable copy, with the membership as of that index); once the node has applied
 * {@code retained} entries beyond a capture, the capture becomes the storage's snapshot and the log
 * before it is compacted away. The retained tail serves followers that are only slightly behind;
 * the others need the snapshot.
 */
final class Compaction {

    private record Capture(long index, Membership membership, KvSnapshot payload) {
    }

    private final int everyEntries;
    private final int retained;
    private final ArrayDeque<Capture> captures = new ArrayDeque<>();
    private long nextCaptureIndex;
    private long snapshotsTaken;

    Compaction(int everyEntries, int retained) {
        this.everyEntries = everyEntries;
        this.retained = retained;
    }

    /** The node (re)started or restored a snapshot at {@code appliedIndex}: earlier captures are moot. */
    void reset(long appliedIndex) {
        captures.clear();
        nextCaptureIndex = appliedIndex + everyEntries;
    }

    void afterApply(AppliedState state, NodeDisk disk, long storedSnapshotIndex) {
        if (state.index() >= nextCaptureIndex) {
            captures.addLast(new Capture(state.index(), state.membership(), state.kv().snapshot()));
            nextCaptureIndex = state.index() + everyEntries;
        }
        while (!captures.isEmpty() && captures.peekFirst().index() + retained <= state.index()) {
            Capture c = captures.pollFirst();
            if (c.index() > storedSnapshotIndex) {
                disk.createSnapshot(c.index(), c.membership(), c.payload());
                storedSnapshotIndex = c.index();
                snapshotsTaken++;
            }
        }
    }

    long snapshotsTaken() {
        return snapshotsTaken;
    }
}
