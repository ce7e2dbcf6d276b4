/**
 * Snapshot files: written by streaming ({@link io.kairos.storage.snapshot.SnapshotWriter}), kept
 * and pruned by {@link io.kairos.storage.snapshot.SnapshotStore}, read back through a checksum, and
 * moved between nodes in bounded chunks ({@link io.kairos.storage.snapshot.SnapshotChunks} on the
 * leader, {@link io.kairos.storage.snapshot.SnapshotReceiver} on the follower). Memory use is
 * bounded by buffer and chunk sizes, never by snapshot size.
 *
 * <p>Depends on {@code kairos-raft}'s value types, the {@code fsync} package and SLF4J; never on the
 * WAL or the {@code state} package.
 */
package io.kairos.storage.snapshot;
