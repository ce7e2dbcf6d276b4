package io.kairos.sim.kv;

import io.kairos.raft.SnapshotPayload;
import java.util.TreeMap;

/**
 * The replicated key-value map. Deterministic: the same commands in the same order give the same
 * state on every node. Each operation is applied at most once, however often its command was
 * retried into the log: a per-client session table (Raft thesis §6.3) remembers the highest
 * sequence number applied per client, and a command at or below it is a duplicate.
 */
public final class KvStateMachine {

    private final TreeMap<String, String> data;
    private final TreeMap<Integer, Long> lastSeqByClient;

    private KvStateMachine(TreeMap<String, String> data, TreeMap<Integer, Long> lastSeqByClient) {
        this.data = data;
        this.lastSeqByClient = lastSeqByClient;
    }

    public static KvStateMachine empty() {
        return new KvStateMachine(new TreeMap<>(), new TreeMap<>());
    }

    /**
     * The state machine as of a snapshot: a {@link KvSnapshot}'s content, or empty for the
     * cluster's initial snapshot (which carries no payload).
     */
    public static KvStateMachine restore(SnapshotPayload payload) {
        if (payload instanceof KvSnapshot s) {
            return new KvStateMachine(new TreeMap<>(s.data()), new TreeMap<>(s.lastSeqByClient()));
        }
        if (payload.sizeBytes() != 0) {
            throw new IllegalArgumentException("unknown snapshot payload " + payload);
        }
        return empty();
    }

    /**
     * Applies a command unless it is a duplicate.
     *
     * @return whether the command took effect (false for a duplicate)
     */
    public boolean apply(KvCommand c) {
        Long last = lastSeqByClient.get(c.clientId());
        if (last != null && c.clientSeq() <= last) {
            return false;
        }
        lastSeqByClient.put(c.clientId(), c.clientSeq());
        switch (c.kind()) {
            case PUT -> data.put(c.key(), c.value());
            case APPEND -> data.merge(c.key(), c.value(), String::concat);
        }
        return true;
    }

    /** The key's value, or the empty string when unset. */
    public String get(String key) {
        return data.getOrDefault(key, "");
    }

    public KvSnapshot snapshot() {
        return new KvSnapshot(data, lastSeqByClient);
    }
}
