package io.kairos.sim.node;

/** What the durable disks of one run went through, for the run's result and its tests. */
public final class DiskFaultCounters {

    /** Segment files whose unsynced tail a crash cut short. */
    long tornTails;
    /** Bytes those cuts removed. */
    long bytesTorn;
    /** Snapshots a follower received chunk by chunk into its own store. */
    long snapshotsReceived;

    public long tornTails() {
        return tornTails;
    }

    public long bytesTorn() {
        return bytesTorn;
    }

    public long snapshotsReceived() {
        return snapshotsReceived;
    }
}
