package io.kairos.api.job;

/**
 * A job as the API shows it.
 *
 * @param nextFireMillis the next scheduled time not yet fired, or null
 * @param skippedFires scheduled times skipped by the misfire or overlap policy
 * @param firedCount scheduled times that made runs
 * @param staleReports reports fenced off because they came from an attempt no longer current
 */
public record JobJson(String jobId, long version, JobSpecJson spec, boolean paused, Long nextFireMillis,
        long skippedFires, long firedCount, long staleReports) {
}
