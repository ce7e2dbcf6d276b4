package io.kairos.sim.lincheck;

/** What a client asks of a compare-and-set register. */
public sealed interface RegisterInput {

    /** Read the register's value. */
    record Read() implements RegisterInput {
    }

    /** Set the register to {@code value}. */
    record Write(int value) implements RegisterInput {
    }

    /** Set the register to {@code replacement} if, and only if, it holds {@code expected}. */
    record CompareAndSet(int expected, int replacement) implements RegisterInput {
    }
}
