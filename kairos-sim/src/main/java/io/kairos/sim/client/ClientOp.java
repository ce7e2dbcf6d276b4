package io.kairos.sim.client;

import io.kairos.sim.history.OpKind;
import io.kairos.sim.kv.KvCommand;
import io.kairos.sim.kv.WriteKind;

/**
 * The operation a client is running.
 *
 * @param opId unique in the run
 * @param clientSeq the client's sequence number for it
 * @param kind put, append or get
 * @param key the key
 * @param value the value to put or append; empty for a get
 * @param callMicros when the client called it
 */
record ClientOp(long opId, long clientSeq, OpKind kind, String key, String value, long callMicros) {

    boolean isWrite() {
        return kind != OpKind.GET;
    }

    KvCommand command(int clientId) {
        WriteKind w = kind == OpKind.PUT ? WriteKind.PUT : WriteKind.APPEND;
        return new KvCommand(opId, clientId, clientSeq, w, key, value);
    }
}
