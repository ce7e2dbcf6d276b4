package io.kairos.api.job;

import io.kairos.api.worker.TaskSpec;

/**
 * Everything a user says about a job. Only {@code schedule} and {@code task} are required.
 *
 * @param startMillis no fire before (epoch ms); default none
 * @param endMillis no fire after; default none
 * @param misfire default fire once now
 * @param overlap {@code ALLOW} (default), {@code SKIP}, {@code QUEUE_ONE}, {@code CANCEL_RUNNING}
 * @param retry default one attempt
 * @param timeoutMillis an attempt still running this long after its assignment fails; default 0, none
 * @param target default any worker, round robin
 * @param historySize finished runs kept, default 100, at most 10,000
 * @param failover {@code REDISPATCH} (default) or {@code FAIL} when the worker is lost mid-run
 */
public record JobSpecJson(ScheduleSpec schedule, Long startMillis, Long endMillis, Misfire misfire, String overlap,
        Retry retry, Long timeoutMillis, Target target, Integer historySize, TaskSpec task, String failover) {

    /** {@code policy} {@code SKIP}, {@code FIRE_ONCE_NOW} or {@code FIRE_ALL_UP_TO} (with {@code limit}). */
    public record Misfire(String policy, Integer limit) {
    }

    /** Up to {@code maxAttempts} attempts; the n-th retry waits base * 2^(n-1), at most cap. */
    public record Retry(int maxAttempts, long backoffBaseMillis, long backoffCapMillis) {
    }

    /**
     * @param groupTag workers carrying this tag; "" or null for any worker
     * @param routing {@code ROUND_ROBIN} (default), {@code LEAST_BUSY}, {@code CONSISTENT_HASH} (key: the
     *     trigger parameter {@code routingKey}, else the job id), {@code FIRST_HEALTHY}, {@code BROADCAST},
     *     {@code SHARDING}
     * @param shards for SHARDING: runs per fire, each told its index and the total
     */
    public record Target(String groupTag, String routing, Integer shards) {
    }
}
