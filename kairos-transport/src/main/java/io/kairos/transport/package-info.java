/**
 * Peer-to-peer connections between Raft members over TCP (Netty): framing, the binary codec for
 * Raft messages, the connection handshake, TLS, bounded outbound queues and reconnects.
 *
 * <p>The public surface is {@link io.kairos.transport.TransportConfig},
 * {@link io.kairos.transport.TransportServer} and {@link io.kairos.transport.PeerClient}; the rest
 * is package-private. Depends on the core's messages and on storage's snapshot chunks; never on the
 * server or the scheduler. Never filters by term: that is the core's business.
 */
package io.kairos.transport;
