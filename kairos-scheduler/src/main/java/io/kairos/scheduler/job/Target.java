package io.kairos.scheduler.job;

/**
 * Where a job's runs go: workers carrying {@code groupTag} (empty: any worker), chosen by
 * {@code routing}. BROADCAST makes one run per live worker of the group at each fire, each pinned
 * to its worker; SHARDING makes {@code shards} runs per fire, each told its index and the total.
 * The state machine creates the runs and checks every Assign; the leader picks the workers.
 */
public record Target(String groupTag, Routing routing, int shards) {

    /** The most shards a job may have. */
    public static final int MAX_SHARDS = 1024;

    /** How the leader picks among the group's workers. */
    public enum Routing { ROUND_ROBIN, LEAST_BUSY, CONSISTENT_HASH, FIRST_HEALTHY, BROADCAST, SHARDING }

    public Target {
        if (groupTag == null || groupTag.length() > 128) {
            throw new IllegalArgumentException("group tag must be non-null and at most 128 characters");
        }
        if (routing == null) {
            throw new IllegalArgumentException("routing must not be null");
        }
        if (routing == Routing.SHARDING && (shards < 1 || shards > MAX_SHARDS)) {
            throw new IllegalArgumentException("a sharded job needs 1 to " + MAX_SHARDS + " shards, was " + shards);
        }
        if (routing != Routing.SHARDING && shards != 1) {
            throw new IllegalArgumentException("only SHARDING routing takes a shard count, " + routing + " had "
                    + shards);
        }
    }

    /** One run per fire. */
    public Target(String groupTag, Routing routing) {
        this(groupTag, routing, 1);
    }

    /** Any worker, round robin. */
    public static Target anyWorker() {
        return new Target("", Routing.ROUND_ROBIN);
    }
}
