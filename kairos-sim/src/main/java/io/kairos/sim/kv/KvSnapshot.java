package io.kairos.sim.kv;

import io.kairos.raft.SnapshotPayload;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An immutable copy of the state machine at a snapshot's index: the map and the session table.
 * Sorted maps keep every iteration, and so every run, in one order.
 *
 * @param data key to value
 * @param lastSeqByClient the highest sequence number applied per client
 */
public record KvSnapshot(SortedMap<String, String> data, SortedMap<Integer, Long> lastSeqByClient)
        implements SnapshotPayload {

    public KvSnapshot {
        data = Collections.unmodifiableSortedMap(new TreeMap<>(data));
        lastSeqByClient = Collections.unmodifiableSortedMap(new TreeMap<>(lastSeqByClient));
    }

    @Override
    public long sizeBytes() {
        long size = 12L * lastSeqByClient.size();
        for (var e : data.entrySet()) {
            size += e.getKey().length() + e.getValue().length();
        }
        return size;
    }
}
