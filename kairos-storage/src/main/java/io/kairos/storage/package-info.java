/**
 * Durable storage for a Raft member. {@link io.kairos.storage.DurableStorage} is the core's
 * {@code Storage} built from the parts in the sub-packages: the write-ahead log ({@code wal}), the
 * hard state and the data directory ({@code state}), and snapshot files ({@code snapshot}). Real
 * files, real fsyncs; depends on {@code kairos-raft}'s value types and SLF4J only.
 */
package io.kairos.storage;
