package io.kairos.sim.node;

import io.kairos.raft.NodeId;
import io.kairos.raft.RaftConfig;
import java.util.Random;

/**
 * How every simulated node is configured and how its machine behaves.
 *
 * @param tickMicros the nominal tick interval
 * @param maxDriftPpm each node's clock runs fast or slow by up to this many parts per million
 * @param electionTimeoutTicks see {@link RaftConfig}
 * @param heartbeatTicks see {@link RaftConfig}
 * @param leaseDriftMarginTicks see {@link RaftConfig}
 * @param maxEntriesPerMessage see {@link RaftConfig}
 * @param maxInflightMessages see {@link RaftConfig}
 * @param minDiskWriteMicros the fastest write of a Ready to the disk
 * @param maxDiskWriteMicros the slowest write
 * @param tornWriteRate probability that a crash during a write keeps a prefix of it
 * @param minSnapshotEveryEntries each node snapshots every so many applied entries, drawn per node
 *     between this and {@code maxSnapshotEveryEntries}
 * @param maxSnapshotEveryEntries see above
 * @param retainedLogEntries entries kept in the log behind a snapshot, for followers slightly behind
 */
public record NodeSettings(long tickMicros, int maxDriftPpm, int electionTimeoutTicks, int heartbeatTicks,
        int leaseDriftMarginTicks, int maxEntriesPerMessage, int maxInflightMessages, long minDiskWriteMicros,
        long maxDiskWriteMicros, double tornWriteRate, int minSnapshotEveryEntries, int maxSnapshotEveryEntries,
        int retainedLogEntries) {

    /** 10 ms ticks, 300 ms election timeout, 30 ms heartbeats, a 50 ms lease margin. */
    public static NodeSettings defaults() {
        return new NodeSettings(10_000, 2_000, 30, 3, 5, 64, 16, 100, 2_000, 0.5, 40, 160, 30);
    }

    /**
     * These settings with the replication pipeline's shape and the disk's speed drawn at random,
     * so that runs cover tiny batches (an append per entry), a window of one, and slow disks. A
     * pipeline always carries at least four entries per round trip: a stop-and-wait pipeline
     * behind a 20 ms disk replicates about 30 entries a second, less than the clients' retries
     * add under faults, and its backlog cannot drain within the liveness bound (seed 1006851).
     */
    public NodeSettings varied(Random random) {
        int[] batches = {1, 2, 8, maxEntriesPerMessage};
        int[] windows = {1, 2, 4, maxInflightMessages};
        int batch = batches[random.nextInt(batches.length)];
        int window = windows[random.nextInt(windows.length)];
        window = Math.max(window, (4 + batch - 1) / batch);
        long[] diskMax = {minDiskWriteMicros + 100, maxDiskWriteMicros, 20_000};
        return new NodeSettings(tickMicros, maxDriftPpm, electionTimeoutTicks, heartbeatTicks, leaseDriftMarginTicks,
                batch, window, minDiskWriteMicros, diskMax[random.nextInt(diskMax.length)], tornWriteRate,
                minSnapshotEveryEntries, maxSnapshotEveryEntries, retainedLogEntries);
    }

    RaftConfig raftConfig(NodeId id, Random random) {
        return RaftConfig.builder(id, random).electionTimeoutTicks(electionTimeoutTicks).heartbeatTicks(heartbeatTicks)
                .leaseDriftMarginTicks(leaseDriftMarginTicks).maxEntriesPerMessage(maxEntriesPerMessage)
                .maxInflightMessages(maxInflightMessages).maxUncommittedEntries(1_000).preVote(true)
                .checkQuorum(true).build();
    }
}
