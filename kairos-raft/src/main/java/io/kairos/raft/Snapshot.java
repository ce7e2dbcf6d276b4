package io.kairos.raft;

/** A snapshot: its position and membership, and the state machine content behind an interface. */
public record Snapshot(SnapshotMeta meta, SnapshotPayload payload) {

    /** The empty payload of a cluster's initial snapshot at index 0. */
    public static final SnapshotPayload NO_PAYLOAD = () -> 0;

    public Snapshot {
        if (meta == null || payload == null) {
            throw new IllegalArgumentException("meta and payload must not be null");
        }
    }

    /** The snapshot a brand-new cluster starts from: nothing applied, the given initial membership. */
    public static Snapshot initial(Membership membership) {
        return new Snapshot(new SnapshotMeta(0, 0, membership), NO_PAYLOAD);
    }

    public long index() {
        return meta.index();
    }

    public long term() {
        return meta.term();
    }
}
