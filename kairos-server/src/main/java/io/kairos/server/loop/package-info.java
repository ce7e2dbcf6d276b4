/**
 * The master's threads around the pure core: the event loop that owns the {@code RaftNode} and
 * its storage, and the applier that owns the state machine. Depends on the core, the storage and
 * nothing of the transport or the API (they reach the loop through its methods and its outbox).
 */
package io.kairos.server.loop;
