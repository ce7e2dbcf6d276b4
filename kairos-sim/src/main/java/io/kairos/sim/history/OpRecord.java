package io.kairos.sim.history;

/**
 * One client operation as the client saw it.
 *
 * @param opId unique in the run
 * @param clientId the client that called it; a client has one operation at a time
 * @param kind put, append or get
 * @param key the key
 * @param input the value put or appended; empty for a get
 * @param output the value a get returned; empty for writes; null while unknown
 * @param callMicros virtual time of the call
 * @param returnMicros virtual time the answer arrived, or {@link #UNKNOWN} if none ever did (the
 *     operation may have taken effect at any time after the call, or never)
 */
public record OpRecord(long opId, int clientId, OpKind kind, String key, String input, String output,
        long callMicros, long returnMicros) {

    public static final long UNKNOWN = Long.MAX_VALUE;

    public OpRecord {
        if (kind == null || key == null || input == null || callMicros < 0 || returnMicros < callMicros) {
            throw new IllegalArgumentException("invalid operation record " + opId + " " + kind + " " + key + " "
                    + callMicros + ".." + returnMicros);
        }
        if ((returnMicros == UNKNOWN) != (output == null)) {
            throw new IllegalArgumentException("an operation has an output exactly when it returned: " + opId);
        }
    }

    public boolean returned() {
        return returnMicros != UNKNOWN;
    }

    OpRecord completedWith(String value, long atMicros) {
        return new OpRecord(opId, clientId, kind, key, input, value, callMicros, atMicros);
    }

    @Override
    public String toString() {
        String result = returned() ? output + " @" + returnMicros : "? (unknown)";
        return "op" + opId + " c" + clientId + " " + kind + "(" + key + (input.isEmpty() ? "" : ", " + input) + ") @"
                + callMicros + " -> " + result;
    }
}
