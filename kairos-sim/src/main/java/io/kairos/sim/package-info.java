/**
 * The deterministic whole-cluster simulator: one seed drives a cluster of 3 or 5 Raft nodes, its
 * network, disks, clients, crashes, partitions and operator actions on virtual time in one thread;
 * invariants are checked throughout, liveness and linearizability at the end. The same seed gives
 * the same run, so every failure replays with {@code ./kairos sim --seed S --nodes N}.
 *
 * <p>{@link io.kairos.sim.Main} is the command line; {@link io.kairos.sim.Simulation} runs one seed.
 * Depends on the Raft core and the JDK only.
 */
package io.kairos.sim;
