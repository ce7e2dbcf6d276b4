package io.kairos.sim.check;

import io.kairos.raft.LogEntry;
import io.kairos.raft.Storage;
import io.kairos.raft.NodeId;
import io.kairos.raft.RaftNode;
import io.kairos.raft.Ready;
import io.kairos.raft.Role;
import io.kairos.raft.message.Message;
import io.kairos.sim.kv.KvCommand;
import io.kairos.sim.node.Cluster;
import io.kairos.sim.node.NodeObserver;
import io.kairos.sim.node.SimNode;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** Feeds every continuously checked invariant from the cluster's events. */
public final class Invariants implements NodeObserver {

    private final ElectionSafety electionSafety = new ElectionSafety();
    private final LogMatching logMatching = new LogMatching();
    private final CommittedPrefix committed = new CommittedPrefix();
    private final LeaderCompleteness leaderCompleteness = new LeaderCompleteness(committed);
    private final StateMachineSafety stateMachineSafety = new StateMachineSafety();
    private final AppliedOnce appliedOnce = new AppliedOnce();
    private final LeaseSafety leaseSafety = new LeaseSafety();
    /** The term each node was last seen leading, to notice each new leadership once; only looked up. */
    private final Map<NodeId, Long> leadingTerm = new HashMap<>();
    private Cluster cluster;

    /** Gives the checkers that look across nodes the cluster to look at. */
    public void watch(Cluster cluster) {
        this.cluster = cluster;
    }

    @Override
    public void onStart(SimNode node, Storage storage) {
        logMatching.onStart(node.id(), storage);
        committed.onStart(node.id(), storage.snapshot().index());
        leadingTerm.remove(node.id());
    }

    @Override
    public void onReady(SimNode node, Ready rd) {
        if (rd.snapshot() != null || !rd.entries().isEmpty()) {
            logMatching.onReady(node.id(), rd.snapshot(), rd.entries());
        }
    }

    @Override
    public void onApplied(SimNode node, LogEntry entry, KvCommand command, boolean tookEffect) {
        stateMachineSafety.onApplied(node.id(), entry);
        if (tookEffect) {
            appliedOnce.onTookEffect(node.id(), command.opId(), entry.index());
        }
    }

    @Override
    public void onDelivered(Message m) {
        // Nothing to check per message.
    }

    @Override
    public void afterInput(SimNode node, RaftNode raft) {
        committed.observe(node.id(), raft);
        if (raft.role() != Role.LEADER) {
            return;
        }
        Long seen = leadingTerm.put(node.id(), raft.term());
        if (seen != null && seen == raft.term()) {
            return;
        }
        if (electionSafety.observeLeader(raft.term(), node.id())) {
            leaderCompleteness.onNewLeader(node.id(), raft);
            leaseSafety.onNewLeader(node.id(), raft, otherRunningNodes(node.id()));
        }
    }

    private Map<NodeId, RaftNode> otherRunningNodes(NodeId except) {
        Map<NodeId, RaftNode> others = new TreeMap<>();
        for (SimNode n : cluster.nodes()) {
            if (n.raft() != null && !n.id().equals(except)) {
                others.put(n.id(), n.raft());
            }
        }
        return others;
    }

    /** Terms that had a leader so far. */
    public int elections() {
        return electionSafety.elections();
    }

    /** The highest index any node holds committed. */
    public long highestCommitted() {
        return committed.highest();
    }
}
