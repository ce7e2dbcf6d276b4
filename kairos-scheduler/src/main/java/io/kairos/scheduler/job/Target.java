package io.kairos.scheduler.job;

/**
 * Where a job's runs go: workers carrying {@code groupTag} (empty: any worker), chosen by
 * {@code routing}. The state machine only stores the strategy and checks the tag on Assign; the
 * leader makes the routing decision.
 */
public record Target(String groupTag, Routing routing) {

    /** How the leader picks among the group's workers. */
    public enum Routing { ROUND_ROBIN, LEAST_BUSY, CONSISTENT_HASH, FIRST_HEALTHY, BROADCAST, SHARDING }

    public Target {
        if (groupTag == null || groupTag.length() > 128) {
            throw new IllegalArgumentException("group tag must be non-null and at most 128 characters");
        }
        if (routing == null) {
            throw new IllegalArgumentException("routing must not be null");
        }
    }

    /** Any worker, round robin. */
    public static Target anyWorker() {
        return new Target("", Routing.ROUND_ROBIN);
    }
}
