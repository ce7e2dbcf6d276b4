package io.kairos.scheduler;

/**
 * A run the next Tick is expected to make: {@code shardIndex} of the fire of {@code job} for
 * {@code scheduledMillis}. See {@link SchedulerStateMachine#expectedFires}.
 */
public record ExpectedFire(JobView job, long scheduledMillis, int shardIndex) {

    public String jobId() {
        return job.jobId();
    }
}
