/**
 * The simulated network between Raft members: per-message latency with jitter, drops, duplicates,
 * reordering (by jitter and occasional slow messages) and partitions of every shape (splits,
 * one-way cuts, an isolated leader, bridges). Runs on the simulator's virtual time. Depends on the
 * core's messages and the simulator's event loop.
 */
package io.kairos.sim.net;
