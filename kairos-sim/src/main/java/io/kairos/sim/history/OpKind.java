package io.kairos.sim.history;

/** What a client operation does to its key. */
public enum OpKind {
    PUT,
    APPEND,
    GET
}
