package io.kairos.sim.lincheck;

import java.util.Objects;
import java.util.OptionalInt;

/** What a client of a compare-and-set register receives. */
public sealed interface RegisterOutput {

    /** A read's result; empty when the register was never written (Jepsen's {@code nil}). */
    record ReadReturned(OptionalInt value) implements RegisterOutput {

        public ReadReturned {
            Objects.requireNonNull(value, "value");
        }
    }

    /** A write, or a compare-and-set that found its expected value, took effect. */
    record Ok() implements RegisterOutput {
    }

    /** A compare-and-set found another value than it expected and changed nothing. */
    record CasFailed() implements RegisterOutput {
    }
}
