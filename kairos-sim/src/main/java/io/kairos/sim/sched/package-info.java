/**
 * The scheduler in the simulator: master nodes running {@code SchedulerStateMachine} with the
 * leader's {@code LeaderDuties} on each node's own drifting clock, simulated workers and a client
 * as event-driven actors on a lossy network, a workload of every schedule type, and the scheduler's
 * invariants. Reuses the event loop and the Raft network of the key-value simulation; depends on
 * nothing of it beyond those.
 */
package io.kairos.sim.sched;
