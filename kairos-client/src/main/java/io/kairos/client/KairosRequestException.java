package io.kairos.client;

/**
 * A master refused the request for a reason a retry cannot change (400 bad input, 405, 413, 422,
 * ...). Thrown at once, without retries.
 */
public final class KairosRequestException extends KairosException {

    private final int status;
    private final String errorCode;
    private final String serverMessage;

    KairosRequestException(String request, int status, String errorCode, String serverMessage) {
        super(request + " failed with HTTP " + status + " " + errorCode + ": " + serverMessage);
        this.status = status;
        this.errorCode = errorCode;
        this.serverMessage = serverMessage;
    }

    /** The HTTP status, e.g. 400. */
    public int status() {
        return status;
    }

    /** The server's machine-readable code, e.g. {@code invalid_key}; {@code unknown} if it sent none. */
    public String errorCode() {
        return errorCode;
    }

    /** The server's sentence for people. */
    public String serverMessage() {
        return serverMessage;
    }
}
