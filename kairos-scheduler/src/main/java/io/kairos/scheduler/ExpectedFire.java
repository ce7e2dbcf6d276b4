package io.kairos.scheduler;

/**
 * A run the next Tick is expected to make: {@code shardIndex} of the fire of {@code job} for
 * {@code scheduledMillis}. See {@link SchedulerStateMachine#expectedFires}.
 */
public record ExpectedFire(String jobId, long scheduledMillis, int shardIndex, JobView job) {
}
