package io.kairos.raft;

/**
 * What a leader knows of one follower's log, and how it is replicating to it.
 *
 * <p>Invariant: {@code match < next}. In {@link State#PROBE} the leader sends one append per
 * heartbeat interval until the follower's log matches; in {@link State#REPLICATE} it streams appends
 * optimistically, up to {@code maxInflight} unacknowledged; in {@link State#SNAPSHOT} it waits for the
 * follower to install the snapshot it was sent.
 */
final class Progress {

    enum State { PROBE, REPLICATE, SNAPSHOT }

    /** Highest index known to match the leader's log. */
    private long match;
    /** Next index to send. */
    private long next;
    private State state = State.PROBE;
    /** In PROBE: an append was sent and no answer has come since; wait for it or the next heartbeat. */
    private boolean probeSent;
    /** In SNAPSHOT: the index of the snapshot sent. */
    private long pendingSnapshot;
    /** Ticks since the snapshot was sent; after an election timeout the leader probes again. */
    private int snapshotTicks;
    /** Last indexes of the appends in flight, oldest first. */
    private final Inflights inflights;
    /** Whether the follower answered anything since the last check-quorum round. */
    private boolean recentActive;
    /** Highest heartbeat sequence the follower acknowledged in this term. */
    private long ackedSequence;

    Progress(long next, int maxInflight) {
        this.next = next;
        this.inflights = new Inflights(maxInflight);
    }

    long match() { return match; }
    long next() { return next; }
    State state() { return state; }
    long pendingSnapshot() { return pendingSnapshot; }
    boolean recentActive() { return recentActive; }
    long ackedSequence() { return ackedSequence; }

    void setRecentActive(boolean active) { recentActive = active; }

    void ackSequence(long sequence) {
        ackedSequence = Math.max(ackedSequence, sequence);
    }

    void becomeProbe() {
        // After a snapshot, probe from just past it: the follower either installed it or will reject.
        if (state == State.SNAPSHOT) {
            next = Math.max(match + 1, pendingSnapshot + 1);
        } else {
            next = match + 1;
        }
        enter(State.PROBE);
    }

    void becomeReplicate() {
        next = match + 1;
        enter(State.REPLICATE);
    }

    void becomeSnapshot(long snapshotIndex) {
        enter(State.SNAPSHOT);
        pendingSnapshot = snapshotIndex;
        snapshotTicks = 0;
    }

    private void enter(State newState) {
        state = newState;
        probeSent = false;
        pendingSnapshot = 0;
        inflights.clear();
    }

    /**
     * A success answer up to {@code index}.
     *
     * @return whether it told us something new (the match moved)
     */
    boolean maybeUpdate(long index) {
        boolean updated = index > match;
        if (updated) {
            match = index;
            probeSent = false;
        }
        next = Math.max(next, index + 1);
        return updated;
    }

    /**
     * A rejection of the append at {@code rejected}; {@code hint} is where the follower suggests to
     * continue. Stale rejections (of appends we already moved past) are ignored.
     *
     * @return whether {@code next} moved back
     */
    boolean maybeDecrease(long rejected, long hint) {
        if (state == State.REPLICATE) {
            // In the pipeline only a rejection of something at or above match is news.
            if (rejected <= match) {
                return false;
            }
            next = match + 1;
            return true;
        }
        if (next - 1 != rejected) {
            return false; // an answer to an older probe
        }
        next = Math.max(Math.min(rejected, hint + 1), match + 1);
        probeSent = false;
        return true;
    }

    /** Records that an append ending at {@code lastIndex} was sent. */
    void sentEntries(long lastIndex, int count) {
        if (state == State.REPLICATE) {
            if (count > 0) {
                next = lastIndex + 1;
                inflights.add(lastIndex);
            }
        } else if (state == State.PROBE) {
            probeSent = true;
        }
    }

    void freeInflightsUpTo(long index) {
        inflights.freeUpTo(index);
    }

    /** Whether the leader must hold back appends to this follower for now. */
    boolean isPaused() {
        return switch (state) {
            case PROBE -> probeSent;
            case REPLICATE -> inflights.isFull();
            case SNAPSHOT -> true;
        };
    }

    /** A heartbeat round passed: a probe may be retried, and a full pipeline may send one more append. */
    void onHeartbeat() {
        probeSent = false;
        if (state == State.REPLICATE && inflights.isFull()) {
            // The follower is alive but acknowledged nothing: if the window was lost, the next
            // append is refused and sends us back to probing; otherwise its answer frees the rest.
            inflights.freeFirstOne();
        }
    }

    /** @return whether the snapshot has been outstanding for {@code limit} ticks. */
    boolean snapshotTimedOut(int limit) {
        return state == State.SNAPSHOT && ++snapshotTicks >= limit;
    }

    @Override
    public String toString() {
        return state + " match=" + match + " next=" + next + (state == State.SNAPSHOT ? " snapshot=" + pendingSnapshot : "")
                + " inflight=" + inflights.count();
    }
}
