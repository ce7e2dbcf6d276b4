package io.kairos.sim.check;

import io.kairos.raft.NodeId;
import java.util.HashMap;
import java.util.Map;

/**
 * Each client operation takes effect at most once: however many times its command entered the
 * log (retries keep the operation id), the state machine lets it take effect at a single log index,
 * the same on every node.
 */
public final class AppliedOnce {

    /** The index at which each operation took effect; only looked up. */
    private final Map<Long, Long> effectiveIndex = new HashMap<>();

    /** {@code node} let operation {@code opId} take effect at {@code index}. */
    public void onTookEffect(NodeId node, long opId, long index) {
        Long earlier = effectiveIndex.putIfAbsent(opId, index);
        if (earlier != null && earlier != index) {
            throw new InvariantViolation("operation applied once", node + " applied operation " + opId + " at index "
                    + index + ", but it already took effect at index " + earlier);
        }
    }

    /** Operations that took effect. */
    public int operations() {
        return effectiveIndex.size();
    }
}
