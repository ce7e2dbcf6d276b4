package io.kairos.bench.jraft;

import java.io.Serializable;

/**
 * The answer to a {@link PutRequest}: committed and applied, not the leader (with the leader's
 * address if known, else null), or failed. Public with mutable fields for Hessian.
 */
public final class PutResponse implements Serializable {

    private static final long serialVersionUID = 1L;

    public boolean committed;
    public boolean notLeader;
    public String leader;
    public String error;

    public PutResponse() {}

    static PutResponse ofCommitted() {
        PutResponse response = new PutResponse();
        response.committed = true;
        return response;
    }

    static PutResponse ofNotLeader(String leader) {
        PutResponse response = new PutResponse();
        response.notLeader = true;
        response.leader = leader;
        return response;
    }

    static PutResponse ofError(String error) {
        PutResponse response = new PutResponse();
        response.error = error;
        return response;
    }
}
