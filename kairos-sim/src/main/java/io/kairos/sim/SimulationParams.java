package io.kairos.sim;

import io.kairos.sim.client.ClientSettings;
import io.kairos.sim.fault.FaultSettings;
import io.kairos.sim.node.NodeSettings;

/**
 * Everything about a run except its seed.
 *
 * @param nodes the initial number of voters, 3 or 5
 * @param durationMicros virtual time with faults, before the final heal
 * @param faults which faults to inject
 * @param node how nodes are configured and how their machines behave
 * @param clients how clients behave
 * @param faultRates how often faults and operator actions strike
 * @param livenessWindowMicros how long after the final heal the cluster has to settle
 * @param storage what the nodes store their state in
 */
public record SimulationParams(int nodes, long durationMicros, FaultMix faults, NodeSettings node,
        ClientSettings clients, FaultSettings faultRates, long livenessWindowMicros, StorageKind storage) {

    public SimulationParams {
        if (nodes != 3 && nodes != 5) {
            throw new IllegalArgumentException("clusters of 3 or 5 nodes are simulated, not " + nodes);
        }
        if (durationMicros < 0 || livenessWindowMicros <= 0) {
            throw new IllegalArgumentException("durations must be positive");
        }
        if (storage == null) {
            throw new IllegalArgumentException("storage must be set");
        }
    }

    /** The standard run: default settings, 20 s to settle after the final heal, storage in memory. */
    public static SimulationParams of(int nodes, long durationSeconds, FaultMix faults) {
        return of(nodes, durationSeconds, faults, StorageKind.MEMORY);
    }

    /** The standard run on the given storage. */
    public static SimulationParams of(int nodes, long durationSeconds, FaultMix faults, StorageKind storage) {
        return new SimulationParams(nodes, durationSeconds * 1_000_000, faults, NodeSettings.defaults(),
                ClientSettings.defaults(), FaultSettings.defaults(), 20_000_000, storage);
    }
}
