/**
 * One simulated cluster member and the cluster of them: a {@code RaftNode} over a disk (a
 * {@code MemoryStorage}, or the real {@code DurableStorage} on files; writes land after a delay, a
 * crash loses what had not landed or keeps a torn prefix of it), the key-value state machine, client requests waiting on
 * the node, and periodic snapshots with log compaction. Each Ready is handled in the order the core
 * documents. Depends on the core, the storage, the event loop, the network and the key-value state machine.
 */
package io.kairos.sim.node;
