package io.kairos.sim.node;

import io.kairos.raft.Membership;
import io.kairos.raft.NodeId;
import io.kairos.raft.RaftNode;
import io.kairos.raft.Role;
import io.kairos.raft.message.Message;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;

/** Every node the run ever started, in id order, and the network's way into them. */
public final class Cluster {

    private final NodeContext ctx;
    private final TreeMap<NodeId, SimNode> nodes = new TreeMap<>();

    public Cluster(NodeContext ctx) {
        this.ctx = ctx;
    }

    /** Creates a node whose disk holds the initial membership {@code bootstrap}, and boots it. */
    public SimNode launch(NodeId id, Membership bootstrap) {
        if (nodes.containsKey(id)) {
            throw new IllegalArgumentException(id + " was already launched; node ids are never reused");
        }
        SimNode node = new SimNode(id, bootstrap, ctx);
        nodes.put(id, node);
        node.start();
        return node;
    }

    public void crash(NodeId id) {
        node(id).crash();
    }

    public void restart(NodeId id) {
        node(id).start();
    }

    public void stop(NodeId id) {
        node(id).stop();
    }

    public SimNode node(NodeId id) {
        SimNode n = nodes.get(id);
        if (n == null) {
            throw new IllegalArgumentException("no node " + id);
        }
        return n;
    }

    public boolean contains(NodeId id) {
        return nodes.containsKey(id);
    }

    /** Every node ever launched, in id order. */
    public Collection<SimNode> nodes() {
        return Collections.unmodifiableCollection(nodes.values());
    }

    /** Ids of the nodes with the given status, in id order. */
    public List<NodeId> ids(SimNode.Status status) {
        List<NodeId> out = new ArrayList<>();
        for (SimNode n : nodes.values()) {
            if (n.status() == status) {
                out.add(n.id());
            }
        }
        return out;
    }

    /** Ids of the nodes not stopped for good, in id order. */
    public List<NodeId> notStopped() {
        List<NodeId> out = new ArrayList<>();
        for (SimNode n : nodes.values()) {
            if (n.status() != SimNode.Status.STOPPED) {
                out.add(n.id());
            }
        }
        return out;
    }

    /** The running node that believes it leads in the highest term, or null. */
    public SimNode leader() {
        SimNode best = null;
        for (SimNode n : nodes.values()) {
            RaftNode r = n.raft();
            if (r != null && r.role() == Role.LEADER && (best == null || r.term() > best.raft().term())) {
                best = n;
            }
        }
        return best;
    }

    /** Releases every node's disk at the end of a run. */
    public void closeDisks() {
        for (SimNode n : nodes.values()) {
            n.closeDisk();
        }
    }

    /** The network hands a message to its addressee; returns whether it was running. */
    public boolean deliver(Message m) {
        SimNode n = nodes.get(m.to());
        return n != null && n.deliver(m);
    }
}
