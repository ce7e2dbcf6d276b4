package io.kairos.server.config;

import io.kairos.raft.NodeId;
import io.kairos.transport.PeerAddress;

/**
 * A master of the cluster as the others reach it.
 *
 * @param id its node id
 * @param raft its advertised peer (Raft) address
 * @param api its advertised HTTP API address, where followers send clients that need the leader
 */
public record Member(NodeId id, PeerAddress raft, PeerAddress api) {

    public Member {
        if (id == null || raft == null || api == null) {
            throw new IllegalArgumentException("a member needs an id, a raft address and an api address");
        }
    }
}
