package io.kairos.scheduler.job;

/** What a new fire does when the job still has a live (not finished) run. */
public enum OverlapPolicy {
    /** Start the new run alongside. */
    ALLOW,
    /** Do not create the new run; count the fire as skipped. */
    SKIP,
    /** Hold one new run until the live ones end; further fires while one is held are skipped. */
    QUEUE_ONE,
    /** Cancel the live runs (their attempts become stale) and start the new one. */
    CANCEL_RUNNING
}
