/**
 * One simulated cluster member and the cluster of them: a {@code RaftNode} over a
 * {@code MemoryStorage} that plays the disk (writes land after a delay; a crash loses what had not
 * landed, sometimes keeping a torn prefix), the key-value state machine, client requests waiting on
 * the node, and periodic snapshots with log compaction. Each Ready is handled in the order the core
 * documents. Depends on the core, the event loop, the network and the key-value state machine.
 */
package io.kairos.sim.node;
