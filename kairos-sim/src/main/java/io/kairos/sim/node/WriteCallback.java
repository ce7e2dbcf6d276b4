package io.kairos.sim.node;

/** Told what became of a write proposed at a node. */
@FunctionalInterface
public interface WriteCallback {

    /**
     * @param committed true when the node applied the write's entry; false when another entry
     *     took its index (or a snapshot covered it), so it was not committed there and may be retried
     */
    void outcome(boolean committed);
}
