package io.kairos.sim;

/**
 * What one seed's run did, and whether it broke anything.
 *
 * @param seed the seed
 * @param nodes the initial cluster size
 * @param faults the fault mix
 * @param durationSeconds virtual seconds of faults before the final heal (for the replay command)
 * @param virtualMicros virtual time simulated, up to the moment the cluster settled or failed
 * @param elections terms that had a leader
 * @param commits entries committed
 * @param writes client writes acknowledged
 * @param reads client reads answered
 * @param unknownOps client operations abandoned with an unknown outcome
 * @param crashes machine crashes
 * @param restarts machine restarts
 * @param partitions network partitions imposed
 * @param drops messages the network dropped at random
 * @param duplicates messages the network duplicated
 * @param membershipChanges configuration changes completed (committed, non-joint)
 * @param transfers leadership transfers the leader accepted
 * @param snapshotsTaken snapshots nodes took of their own state, compacting their logs
 * @param snapshotsSent snapshots delivered to followers
 * @param messagesDelivered messages stepped into a running node
 * @param fingerprint a digest of every delivered message and applied entry; equal for equal runs
 * @param storage what the nodes stored their state in
 * @param tornTails segment files whose unsynced tail a crash cut (durable storage only)
 * @param violation what broke, with details, or null
 */
public record SimulationResult(long seed, int nodes, FaultMix faults, long durationSeconds, long virtualMicros,
        long elections, long commits, long writes, long reads, long unknownOps, long crashes, long restarts,
        long partitions, long drops, long duplicates, long membershipChanges, long transfers, long snapshotsTaken, long snapshotsSent,
        long messagesDelivered, long fingerprint, StorageKind storage, long tornTails, String violation) {

    public boolean failed() {
        return violation != null;
    }

    /** The command that replays this run exactly. */
    public String replayCommand() {
        StringBuilder s = new StringBuilder("./kairos sim --seed ").append(seed).append(" --nodes ").append(nodes);
        if (durationSeconds != SimOptions.DEFAULT_DURATION_SECONDS) {
            s.append(" --duration-seconds ").append(durationSeconds);
        }
        if (faults != FaultMix.ALL) {
            s.append(" --faults ").append(faults.label());
        }
        if (storage != StorageKind.MEMORY) {
            s.append(" --storage ").append(storage.label());
        }
        return s.toString();
    }
}
