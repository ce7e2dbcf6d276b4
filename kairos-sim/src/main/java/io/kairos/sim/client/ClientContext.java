package io.kairos.sim.client;

import io.kairos.sim.event.EventLoop;
import io.kairos.sim.history.History;
import io.kairos.sim.node.Cluster;

/**
 * What all clients share.
 *
 * @param loop the virtual-time loop
 * @param cluster the nodes they talk to
 * @param history where operations are recorded
 * @param settings how clients behave
 * @param phases when the workload is busy and when it is quiet
 */
public record ClientContext(EventLoop loop, Cluster cluster, History history, ClientSettings settings,
        LoadPhases phases) {
}
