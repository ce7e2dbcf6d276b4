package io.kairos.sim.node;

import io.kairos.raft.LogEntry;
import io.kairos.raft.ReadState;
import io.kairos.sim.kv.KvStateMachine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Client requests waiting on one node: writes until an entry is applied at their index, reads until
 * the core confirms them and the node has applied up to their read index. Volatile: a crash
 * forgets them and the clients time out.
 */
final class ClientWaiters {

    private record PendingWrite(long term, WriteCallback callback) {
    }

    private record PendingRead(String key, ReadCallback callback) {
    }

    private record ConfirmedRead(long readIndex, PendingRead read) {
    }

    /** Writes accepted by this node, by log index. */
    private final TreeMap<Long, PendingWrite> writes = new TreeMap<>();
    /** Reads handed to the core, by request id; only looked up, never iterated. */
    private final Map<Long, PendingRead> reads = new HashMap<>();
    /** Reads the core confirmed, in the order it confirmed them. */
    private final List<ConfirmedRead> confirmed = new ArrayList<>();

    void awaitWrite(long index, long term, WriteCallback callback) {
        PendingWrite previous = writes.put(index, new PendingWrite(term, callback));
        if (previous != null) {
            // This node accepted another proposal at the index in a later term, so its log no
            // longer holds the earlier one there: that one cannot commit.
            previous.callback().outcome(false);
        }
    }

    void awaitRead(long requestId, String key, ReadCallback callback) {
        reads.put(requestId, new PendingRead(key, callback));
    }

    /** An entry was applied: a write waiting at its index committed if the term matches. */
    void onApplied(LogEntry entry) {
        PendingWrite w = writes.remove(entry.index());
        if (w != null) {
            w.callback().outcome(w.term() == entry.term());
        }
    }

    /**
     * The node restored a snapshot up to {@code index}: writes waiting at or below it cannot tell
     * whether their entry is in it. Reporting them lost is safe because a retry keeps the
     * operation's id and the state machine applies an id at most once.
     */
    void onRestored(long index) {
        while (!writes.isEmpty() && writes.firstKey() <= index) {
            writes.pollFirstEntry().getValue().callback().outcome(false);
        }
    }

    void onReadState(ReadState rs) {
        PendingRead r = reads.remove(rs.requestId());
        if (r != null) {
            confirmed.add(new ConfirmedRead(rs.readIndex(), r));
        }
    }

    /** Serves every confirmed read whose read index the node has applied. */
    void serveReads(long appliedIndex, KvStateMachine kv) {
        for (Iterator<ConfirmedRead> it = confirmed.iterator(); it.hasNext(); ) {
            ConfirmedRead c = it.next();
            if (c.readIndex() <= appliedIndex) {
                it.remove();
                c.read().callback().served(kv.get(c.read().key()));
            }
        }
    }
}
