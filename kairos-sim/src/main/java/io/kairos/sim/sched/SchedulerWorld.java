package io.kairos.sim.sched;

import io.kairos.sim.event.EventLoop;
import io.kairos.sim.net.Network;

/**
 * What the masters, workers and the client of one run share.
 *
 * @param loop the virtual-time loop
 * @param network the masters' Raft network
 * @param wire the network between workers, the client and the masters
 * @param checks the invariants watching every apply
 * @param recorder counters and the run's fingerprint
 * @param epochMillis the wall clock at virtual time 0, before each master's offset
 * @param masters how many masters there are, {@code n1..nN}
 * @param masterNodes the masters, once created (for checks that look across them)
 */
record SchedulerWorld(EventLoop loop, Network network, WireNet wire, SchedulerChecks checks,
        SchedulerRecorder recorder, long epochMillis, int masters, java.util.List<MasterNode> masterNodes) {
}
