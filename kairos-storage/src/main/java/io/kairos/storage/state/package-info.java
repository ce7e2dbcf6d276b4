/**
 * A node's data directory and its durable hard state. {@link io.kairos.storage.state.DataDirectory}
 * locks the directory against a second process and refuses data that belongs to another node,
 * another cluster or a newer layout; {@link io.kairos.storage.state.HardStateFile} keeps term, vote
 * and commit index, replaced atomically. Depends on {@code kairos-raft}'s value types, the
 * {@code fsync} package and SLF4J; never on the WAL or the snapshot package.
 */
package io.kairos.storage.state;
