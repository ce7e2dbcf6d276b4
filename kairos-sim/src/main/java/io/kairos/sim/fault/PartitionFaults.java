package io.kairos.sim.fault;

import io.kairos.raft.NodeId;
import io.kairos.sim.event.EventLoop;
import io.kairos.sim.net.Network;
import io.kairos.sim.net.Partition;
import io.kairos.sim.net.PartitionShapes;
import io.kairos.sim.node.Cluster;
import io.kairos.sim.node.SimNode;
import java.util.List;
import java.util.Random;

/**
 * Cuts the network at random moments for a random while: symmetric splits, one-way cuts, the
 * current leader isolated, and bridges (one node hears two sides that do not hear each other).
 * Partitions may overlap.
 */
public final class PartitionFaults {

    private final EventLoop loop;
    private final Cluster cluster;
    private final Network network;
    private final Random random;
    private final FaultSettings settings;
    private final RecurringFault recurring;
    private long partitions;

    public PartitionFaults(EventLoop loop, Cluster cluster, Network network, Random random, FaultSettings settings) {
        this.loop = loop;
        this.cluster = cluster;
        this.network = network;
        this.random = random;
        this.settings = settings;
        this.recurring = new RecurringFault(loop, random, settings.meanMicrosBetweenPartitions(), this::partition);
    }

    public void start() {
        recurring.start();
    }

    /** No more partitions; the caller heals the network. */
    public void stop() {
        recurring.stop();
    }

    private void partition() {
        if (network.activePartitions().size() >= settings.maxConcurrentPartitions()) {
            return;
        }
        List<NodeId> nodes = cluster.notStopped();
        if (nodes.size() < 2) {
            return;
        }
        Partition p = draw(nodes);
        network.impose(p);
        partitions++;
        long duration = 200_000 + (long) (random.nextDouble() * (settings.maxPartitionMicros() - 200_000));
        loop.after(duration, () -> network.lift(p));
    }

    private Partition draw(List<NodeId> nodes) {
        int shape = random.nextInt(4);
        if (shape == 0) {
            SimNode leader = cluster.leader();
            NodeId victim = leader != null ? leader.id() : nodes.get(random.nextInt(nodes.size()));
            return PartitionShapes.isolate(victim, nodes);
        } else if (shape == 1) {
            return PartitionShapes.randomOneWay(nodes, random);
        } else if (shape == 2 && nodes.size() >= 3) {
            return PartitionShapes.randomBridge(nodes, random);
        }
        return PartitionShapes.randomSplit(nodes, random);
    }

    public long partitions() {
        return partitions;
    }
}
