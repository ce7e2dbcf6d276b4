/**
 * The Raft consensus core as a pure, deterministic state machine: {@link io.kairos.raft.RaftNode}
 * takes ticks, messages and proposals and hands back a {@link io.kairos.raft.Ready}. No threads,
 * sockets, files, clocks or unseeded randomness; the only dependency is the JDK.
 */
package io.kairos.raft;
