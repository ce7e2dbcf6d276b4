package io.kairos.scheduler;

/** Where a run is in its life. QUEUED to RUNNING are live; the rest are final. */
public enum RunState {
    /** Held by the QUEUE_ONE overlap policy until the job's live runs end. */
    QUEUED,
    /** Waiting for an Assign once its due time has come. */
    PENDING,
    /** Given to a worker; the attempt's timeout runs from here. */
    ASSIGNED,
    /** Its worker reported Started. */
    RUNNING,
    SUCCEEDED,
    /** Failed on its last allowed attempt (a report of failure, or a timeout). */
    FAILED,
    /** Cancelled by the CANCEL_RUNNING overlap policy or through the API. */
    CANCELLED;

    public boolean isLive() {
        return this == QUEUED || this == PENDING || this == ASSIGNED || this == RUNNING;
    }

    /** Held by a worker: ASSIGNED or RUNNING. */
    public boolean isHeld() {
        return this == ASSIGNED || this == RUNNING;
    }
}
