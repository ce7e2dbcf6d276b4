package io.kairos.transport;

/**
 * Bytes from a peer that are not a valid frame. Bad input from outside: the connection that sent
 * them is closed and the node keeps serving everyone else.
 */
final class MalformedFrameException extends RuntimeException {

    /** What was wrong, so that tests and metrics need not parse the message. */
    enum Reason {
        FRAME_TOO_LONG,
        FRAME_TOO_SHORT,
        UNKNOWN_VERSION,
        UNKNOWN_TYPE,
        TRUNCATED_BODY,
        TRAILING_BYTES,
        INVALID_FIELD
    }

    private final Reason reason;

    MalformedFrameException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    MalformedFrameException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }
}
