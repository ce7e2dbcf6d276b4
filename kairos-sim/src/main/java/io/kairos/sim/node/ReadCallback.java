package io.kairos.sim.node;

/** Receives the value of a linearizable read once the node has served it. */
@FunctionalInterface
public interface ReadCallback {

    void served(String value);
}
