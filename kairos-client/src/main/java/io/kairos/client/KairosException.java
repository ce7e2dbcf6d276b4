package io.kairos.client;

/** A call to the Kairos masters did not succeed. Unchecked: the subclasses say why. */
public class KairosException extends RuntimeException {

    KairosException(String message) {
        super(message);
    }

    KairosException(String message, Throwable cause) {
        super(message, cause);
    }
}
