/**
 * The master process: {@link io.kairos.server.KairosServer} wires a data directory, the durable
 * storage, the Raft event loop, the peer transport and the HTTP API; {@code ServerMain},
 * {@code DevMain} and {@code AdminMain} are the {@code kairos server}, {@code kairos dev} and
 * {@code kairos admin} commands. Depends on every other package here; nothing depends on it.
 */
package io.kairos.server;
