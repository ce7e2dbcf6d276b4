package io.kairos.server.sched;

/** No connected worker can give the log asked for; the message says why. */
public final class LogUnavailableException extends RuntimeException {
    public LogUnavailableException(String message) {
        super(message);
    }
}
