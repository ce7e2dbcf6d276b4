package io.kairos.server.loop;

import io.kairos.raft.Membership;
import io.kairos.raft.NodeId;
import io.kairos.raft.Role;
import java.time.Instant;
import java.util.Map;

/**
 * A master's view of the cluster at one moment, as {@code GET /v1/cluster} reports it.
 *
 * @param node this master
 * @param role its Raft role
 * @param term its current term
 * @param leader the leader it knows of in that term, or null
 * @param commitIndex the highest index it knows committed
 * @param appliedIndex the highest index its state machine applied
 * @param lastIndex its last log index
 * @param snapshotIndex the index of its latest snapshot; the log before it is compacted away
 * @param followers on the leader, each other member's replication progress; empty elsewhere
 * @param lastLeaderChange when this master last saw the leader change (an election or a step-down)
 * @param membership the configuration in effect (joint during a change)
 */
public record NodeStatus(NodeId node, Role role, long term, NodeId leader, long commitIndex, long appliedIndex,
        long lastIndex, long snapshotIndex, Map<NodeId, Follower> followers, Instant lastLeaderChange, Membership membership) {

    /**
     * @param matchIndex the highest index known replicated on it
     * @param lag entries the leader holds that it does not
     */
    public record Follower(long matchIndex, long lag) {
    }
}
