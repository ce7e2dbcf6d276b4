/**
 * The key-value state machine the simulator replicates: put and append commands encoded as bytes,
 * reads served from the map, a per-client session table that applies each operation at most once,
 * and immutable snapshots. Depends only on the Raft core's {@code SnapshotPayload} and the JDK.
 */
package io.kairos.sim.kv;
