package io.kairos.sim.check;

import io.kairos.raft.Membership;
import io.kairos.raft.NodeId;
import io.kairos.raft.RaftNode;
import io.kairos.sim.client.Client;
import io.kairos.sim.kv.KvSnapshot;
import io.kairos.sim.node.Cluster;
import io.kairos.sim.node.SimNode;
import java.util.List;
import java.util.Optional;

/**
 * After the final heal (every member up, the network whole) the cluster must settle within a
 * bounded virtual time: one leader that every member follows, every client's operations complete,
 * every member applied everything committed. Replicas that applied the same log must then hold the
 * same state; if they do not, that is a safety violation and is thrown at once.
 */
public final class Liveness {

    private Liveness() {
    }

    /** What still keeps the cluster from having settled, or empty once it has. */
    public static Optional<String> unsettled(Cluster cluster, List<Client> clients) {
        SimNode leaderNode = cluster.leader();
        if (leaderNode == null) {
            return Optional.of("no leader");
        }
        RaftNode leader = leaderNode.raft();
        Membership members = leader.membership();
        for (NodeId id : members.members()) {
            SimNode n = cluster.contains(id) ? cluster.node(id) : null;
            if (n == null || !n.isUp()) {
                return Optional.of("member " + id + " of " + members + " is not running");
            }
            RaftNode r = n.raft();
            if (r.term() != leader.term() || !leaderNode.id().equals(r.leader())) {
                return Optional.of(id + " does not follow leader " + leaderNode.id() + " of term " + leader.term()
                        + ": " + r);
            }
        }
        for (Client c : clients) {
            if (!c.isDone()) {
                return Optional.of("client " + c.id() + " has not finished: " + c.pendingDescription());
            }
        }
        KvSnapshot reference = leaderNode.stateMachineContent();
        for (NodeId id : members.members()) {
            SimNode n = cluster.node(id);
            if (n.appliedIndex() != leader.commitIndex()) {
                return Optional.of(id + " applied " + n.appliedIndex() + " of " + leader.commitIndex() + " committed");
            }
            if (!n.stateMachineContent().equals(reference)) {
                throw new InvariantViolation("state machine safety", id + "'s state differs from leader "
                        + leaderNode.id() + "'s after both applied up to " + n.appliedIndex() + ": "
                        + n.stateMachineContent() + " vs " + reference);
            }
        }
        return Optional.empty();
    }
}
