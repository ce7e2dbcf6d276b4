package io.kairos.sim.node;

import io.kairos.sim.event.EventLoop;
import io.kairos.sim.net.Network;
import java.util.Random;

/**
 * What every node of a cluster shares.
 *
 * @param loop the virtual-time loop
 * @param network where nodes send messages
 * @param observer the invariant checkers and counters
 * @param settings configuration and machine behaviour
 * @param seeds the source of each new node's random seed (itself derived from the run's seed)
 * @param disks what the nodes' disks are made of
 */
public record NodeContext(EventLoop loop, Network network, NodeObserver observer, NodeSettings settings,
        Random seeds, NodeDisk.Factory disks) {
}
