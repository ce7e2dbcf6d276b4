package io.kairos.scheduler;

import io.kairos.scheduler.job.JobSpec;
import java.util.OptionalLong;

/**
 * A job as a query sees it.
 *
 * @param nextFireMillis the earliest scheduled time not yet fired or skipped; empty when there is
 *     none (or, for fixed delay, none until the live run ends, or no Tick has anchored the job yet)
 * @param skippedFires scheduled times counted as skipped by the misfire or overlap policy
 * @param firedCount scheduled times that created a run (on-demand triggers not included)
 * @param staleReports fencing rejections of this job's runs
 */
public record JobView(String jobId, long version, JobSpec spec, boolean paused, OptionalLong nextFireMillis,
        long skippedFires, long firedCount, long staleReports) {
}
