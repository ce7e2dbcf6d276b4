package io.kairos.worker;

/**
 * The last {@link #MAX_CHARS} characters written to it: what a report carries back of an attempt's
 * output (the full output stays in the attempt's log file on the worker). Thread-safe.
 */
final class OutputTail {

    /** The protocol's limit on {@code Report.outputTail}. */
    static final int MAX_CHARS = 4096;

    /** Invariant: length() <= MAX_CHARS once append returns. */
    private final StringBuilder tail = new StringBuilder();

    synchronized void append(CharSequence text) {
        tail.append(text);
        if (tail.length() > MAX_CHARS) {
            tail.delete(0, tail.length() - MAX_CHARS);
        }
    }

    synchronized void appendLine(String line) {
        append(line);
        append("\n");
    }

    @Override
    public synchronized String toString() {
        return tail.toString();
    }

    /** The last {@link #MAX_CHARS} characters of {@code text}. */
    static String of(String text) {
        return text.length() <= MAX_CHARS ? text : text.substring(text.length() - MAX_CHARS);
    }

    /** {@code text} with {@code note} appended, cut from the front to fit. */
    static String withNote(String text, String note) {
        String separator = text.isEmpty() || text.endsWith("\n") ? "" : "\n";
        return of(text + separator + note);
    }
}
