package io.kairos.sim.history;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Collects the client operations of a run, in the order they were called. */
public final class History {

    private final List<OpRecord> records = new ArrayList<>();
    /** Position of each operation in {@link #records}; only looked up. */
    private final Map<Long, Integer> positions = new HashMap<>();

    public void invoke(long opId, int clientId, OpKind kind, String key, String input, long callMicros) {
        if (positions.containsKey(opId)) {
            throw new IllegalArgumentException("operation " + opId + " was already invoked");
        }
        positions.put(opId, records.size());
        records.add(new OpRecord(opId, clientId, kind, key, input, null, callMicros, OpRecord.UNKNOWN));
    }

    public void complete(long opId, String output, long returnMicros) {
        int i = positionOf(opId);
        if (records.get(i).returned()) {
            throw new IllegalStateException("operation " + opId + " returned twice");
        }
        records.set(i, records.get(i).completedWith(output, returnMicros));
    }

    private int positionOf(long opId) {
        Integer i = positions.get(opId);
        if (i == null) {
            throw new IllegalArgumentException("unknown operation " + opId);
        }
        return i;
    }

    /** Every operation so far, in call order. */
    public List<OpRecord> records() {
        return List.copyOf(records);
    }

    public int size() {
        return records.size();
    }
}
