package io.kairos.cli;

/** A failure to tell the user in one line, then exit 1. */
final class CliException extends RuntimeException {
    CliException(String message) {
        super(message);
    }
}
