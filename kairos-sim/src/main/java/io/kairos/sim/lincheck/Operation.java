package io.kairos.sim.lincheck;

import java.util.Objects;

/**
 * One operation of a concurrent history: client {@code clientId} invoked {@code input} at
 * {@code callTime} and received {@code output} at {@code returnTime}.
 *
 * <p>Times come from any clock that orders the history's events (virtual time, event counters,
 * line numbers); only their order matters. Two operations are concurrent unless one returned
 * strictly before the other was called.
 *
 * <p>An operation whose outcome is unknown (the client crashed or gave up waiting) has
 * {@code returnTime == }{@link #UNKNOWN_RETURN_TIME} and a {@code null} output: it may or may not
 * have taken effect, at any moment after its call, and any output is acceptable.
 *
 * @param clientId the client (process) that invoked the operation
 * @param input what the client asked for; never null
 * @param output what the client received; null exactly when the outcome is unknown
 * @param callTime when the client invoked the operation
 * @param returnTime when the client received the output, at or after {@code callTime}, or
 *     {@link #UNKNOWN_RETURN_TIME}
 */
public record Operation<I, O>(int clientId, I input, O output, long callTime, long returnTime) {

    /** The return time of an operation whose outcome is unknown: it never returned. */
    public static final long UNKNOWN_RETURN_TIME = Long.MAX_VALUE;

    public Operation {
        Objects.requireNonNull(input, "input");
        if (returnTime < callTime) {
            throw new IllegalArgumentException(
                    "returnTime " + returnTime + " is before callTime " + callTime + " of " + input);
        }
        if ((output == null) != (returnTime == UNKNOWN_RETURN_TIME)) {
            throw new IllegalArgumentException("output must be null exactly when the outcome is unknown: "
                    + input + " -> " + output + " at returnTime " + returnTime);
        }
    }

    /** An operation that returned {@code output} at {@code returnTime}. */
    public static <I, O> Operation<I, O> completed(int clientId, I input, O output, long callTime, long returnTime) {
        return new Operation<>(clientId, input, Objects.requireNonNull(output, "output"), callTime, returnTime);
    }

    /** An operation invoked at {@code callTime} that never returned: it may or may not take effect. */
    public static <I, O> Operation<I, O> unknownOutcome(int clientId, I input, long callTime) {
        return new Operation<>(clientId, input, null, callTime, UNKNOWN_RETURN_TIME);
    }

    /** Whether the client saw this operation's output. */
    public boolean outcomeKnown() {
        return returnTime != UNKNOWN_RETURN_TIME;
    }
}
