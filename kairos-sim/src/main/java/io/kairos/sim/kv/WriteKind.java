package io.kairos.sim.kv;

/** The two kinds of write a client can propose; reads are not commands. */
public enum WriteKind {
    /** Sets the key's value. */
    PUT,
    /** Appends to the key's value (the empty string when unset). */
    APPEND
}
