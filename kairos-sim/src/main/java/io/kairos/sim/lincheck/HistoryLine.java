package io.kairos.sim.lincheck;

/** A line of a history file being parsed, kept so that errors can say where they are. */
record HistoryLine(String source, long number, String text) {

    MalformedHistoryException malformed(String reason) {
        return new MalformedHistoryException(source, number, text, reason);
    }

    int parseInt(String digits) throws MalformedHistoryException {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw malformed("not a 32-bit integer: " + digits);
        }
    }
}
