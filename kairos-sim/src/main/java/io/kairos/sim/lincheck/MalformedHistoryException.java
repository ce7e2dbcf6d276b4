package io.kairos.sim.lincheck;

import java.io.IOException;

/** A history file has a line that cannot be read as an event, or events that do not pair up. */
public final class MalformedHistoryException extends IOException {

    private final String source;
    private final long lineNumber;
    private final String line;

    MalformedHistoryException(String source, long lineNumber, String line, String reason) {
        super(source + ":" + lineNumber + ": " + reason + ": " + line);
        this.source = source;
        this.lineNumber = lineNumber;
        this.line = line;
    }

    /** The file (or other source) the line came from. */
    public String source() {
        return source;
    }

    /** The line's number, counting from 1. */
    public long lineNumber() {
        return lineNumber;
    }

    /** The offending line as it was read. */
    public String line() {
        return line;
    }
}
