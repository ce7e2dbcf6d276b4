package io.kairos.scheduler.job;

/**
 * What happens to a run whose worker is declared lost mid-attempt. Either way the lost worker's
 * attempt is fenced off: any later report from it is rejected.
 */
public enum FailoverPolicy {
    /** A new attempt, due at once, for another worker (the default; not counted as a failure). */
    REDISPATCH,
    /** The run ends FAILED: for jobs that must never run twice, even partially. */
    FAIL
}
