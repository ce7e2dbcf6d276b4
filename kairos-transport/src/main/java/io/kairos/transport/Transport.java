package io.kairos.transport;

import io.kairos.raft.Membership;
import io.kairos.raft.NodeId;
import io.kairos.raft.message.Message;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One node's transport: a server accepting its peers' connections and one persistent outbound
 * connection per peer. Messages received are handed to the inbound consumer on a Netty I/O thread
 * (the event loop is expected to enqueue them); {@link #send} never blocks and may drop.
 *
 * <pre>{@code
 * Transport t = Transport.start(config, raft::membership, inbox::add);
 * t.send(heartbeat);   // false if the peer's queue is full or the peer is unknown
 * }</pre>
 */
public final class Transport implements AutoCloseable {

    private final TransportConfig config;
    private final EventLoopGroup group;
    private final TransportServer server;
    private final SslContext clientSsl;
    private final Map<NodeId, PeerClient> clients = new ConcurrentHashMap<>();

    private Transport(TransportConfig config, EventLoopGroup group, TransportServer server, SslContext clientSsl) {
        this.config = config;
        this.group = group;
        this.server = server;
        this.clientSsl = clientSsl;
    }

    /**
     * Binds the server and starts connecting to every configured peer.
     *
     * @param membership the current membership; a connection from a node outside it is refused
     * @param inbound receives every message from a peer, on a Netty I/O thread
     * @throws IOException if the bind address cannot be bound or the TLS files cannot be read
     */
    public static Transport start(TransportConfig config, Supplier<Membership> membership, Consumer<Message> inbound)
            throws IOException {
        // Two threads: this is a handful of peer connections, and the node's cores belong to Raft.
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        try {
            TransportServer server = TransportServer.start(config, group, membership, inbound);
            Transport transport = new Transport(config, group, server, TlsContexts.forClient(config.tls()));
            config.peers().forEach(transport::addPeer);
            return transport;
        } catch (IOException | RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw e;
        }
    }

    /** The port the server bound, which tells tests the real port when the configured one was 0. */
    public int port() {
        return server.port();
    }

    /**
     * Starts (or replaces) the outbound connection to {@code peer}, for peers that joined after start
     * or whose address became known later.
     */
    public void addPeer(NodeId peer, PeerAddress address) {
        if (peer.equals(config.self())) {
            throw new IllegalArgumentException("cannot add this node " + peer + " as its own peer");
        }
        PeerClient client = new PeerClient(config, peer, address, group.next(), clientSsl);
        PeerClient old = clients.put(peer, client);
        if (old != null) {
            old.close();
        }
        client.start();
    }

    /** Closes the outbound connection to {@code peer}, which left the cluster. */
    public void removePeer(NodeId peer) {
        PeerClient old = clients.remove(peer);
        if (old != null) {
            old.close();
        }
    }

    /**
     * Queues {@code m} for its addressee, from any thread, without blocking. Returns false, and the
     * message is lost, when the addressee is unknown or its queue is full; Raft retries on its own.
     */
    public boolean send(Message m) {
        PeerClient client = clients.get(m.to());
        return client != null && client.send(m);
    }

    /** Messages to {@code peer} dropped so far because its queue was full or the message unsendable. */
    public long droppedTo(NodeId peer) {
        PeerClient client = clients.get(peer);
        return client == null ? 0 : client.dropped();
    }

    /** Messages waiting in {@code peer}'s outbound queue. */
    public int queuedTo(NodeId peer) {
        PeerClient client = clients.get(peer);
        return client == null ? 0 : client.queued();
    }

    /** Whether the outbound connection to {@code peer} is up. */
    public boolean isConnectedTo(NodeId peer) {
        PeerClient client = clients.get(peer);
        return client != null && client.isConnected();
    }

    /** Closes every connection and the server, and waits for the I/O threads to stop. */
    @Override
    public void close() {
        clients.values().forEach(PeerClient::close);
        clients.clear();
        server.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
