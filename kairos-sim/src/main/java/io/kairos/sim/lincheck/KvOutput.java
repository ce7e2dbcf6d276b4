package io.kairos.sim.lincheck;

import java.util.Objects;

/** What a client of a key-value store receives. */
public sealed interface KvOutput {

    /** A get's result. */
    record GetReturned(String value) implements KvOutput {

        public GetReturned {
            Objects.requireNonNull(value, "value");
        }
    }

    /** A put or an append took effect. */
    record Ok() implements KvOutput {
    }
}
