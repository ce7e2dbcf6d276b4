package io.kairos.bench.jraft;

import io.kairos.bench.harness.Entries;
import java.io.Serializable;

/**
 * A client's W1 write, sent over bolt (Hessian-serialized, as in SOFAJRaft's own examples before
 * protobuf). Public with a no-argument constructor and mutable fields for Hessian.
 */
public final class PutRequest implements Serializable {

    private static final long serialVersionUID = 1L;

    /** {@link Entries#COMMAND_BYTES} bytes: key then value. */
    public byte[] command;

    public PutRequest() {}

    PutRequest(byte[] command) {
        this.command = command;
    }
}
