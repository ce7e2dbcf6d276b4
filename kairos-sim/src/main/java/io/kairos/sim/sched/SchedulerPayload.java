package io.kairos.sim.sched;

import io.kairos.raft.SnapshotPayload;

/** A scheduler snapshot's bytes ({@code SchedulerStateMachine.writeSnapshot}), immutable once made. */
record SchedulerPayload(byte[] bytes) implements SnapshotPayload {

    @Override
    public long sizeBytes() {
        return bytes.length;
    }
}
