package io.kairos.sim.sched;

import io.kairos.raft.Membership;
import io.kairos.raft.MemoryStorage;
import io.kairos.scheduler.SchedulerStateMachine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A master's snapshots of its scheduler: every so many applied entries it captures the state's
 * snapshot bytes; once {@link #RETAINED_ENTRIES} more are applied the capture becomes the disk's
 * snapshot and the log before it is compacted, so restarted and lagging masters need
 * InstallSnapshot and {@code restore}.
 */
final class SchedulerCompaction {

    static final int RETAINED_ENTRIES = 30;

    private final int everyEntries;
    private long nextCaptureIndex;
    /** The capture waiting to become the disk's snapshot, or null. */
    private SchedulerPayload capture;
    private long captureIndex;
    private Membership captureMembership;

    SchedulerCompaction(int everyEntries) {
        this.everyEntries = everyEntries;
    }

    /** The master (re)started or restored a snapshot at {@code appliedIndex}: earlier captures are moot. */
    void reset(long appliedIndex) {
        capture = null;
        nextCaptureIndex = appliedIndex + everyEntries;
    }

    /** After a batch of applies; returns whether the disk took a new snapshot. */
    boolean afterApply(long appliedIndex, Membership membership, SchedulerStateMachine state, MemoryStorage disk) {
        boolean taken = false;
        if (capture != null && captureIndex + RETAINED_ENTRIES <= appliedIndex && captureIndex > disk.snapshot().index()) {
            disk.createSnapshot(captureIndex, captureMembership, capture);
            capture = null;
            taken = true;
        }
        if (capture == null && appliedIndex >= nextCaptureIndex) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                state.writeSnapshot(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            capture = new SchedulerPayload(out.toByteArray());
            captureIndex = appliedIndex;
            captureMembership = membership;
            nextCaptureIndex = appliedIndex + everyEntries;
        }
        return taken;
    }
}
