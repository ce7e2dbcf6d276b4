package io.kairos.transport;

import io.kairos.raft.Membership;
import io.kairos.raft.message.Message;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Accepts connections from peers and hands each decoded {@link Message} to the inbound consumer,
 * on a Netty I/O thread. A connection that sends anything invalid is closed on its own; the
 * server keeps serving every other connection.
 */
final class TransportServer implements AutoCloseable {

    private final Channel serverChannel;
    private final ChannelGroup connections;
    private final SnapshotInbox snapshots;

    private TransportServer(Channel serverChannel, ChannelGroup connections, SnapshotInbox snapshots) {
        this.serverChannel = serverChannel;
        this.connections = connections;
        this.snapshots = snapshots;
    }

    /** Binds to the configured address, blocking until bound. */
    static TransportServer start(TransportConfig config, EventLoopGroup group, Supplier<Membership> membership,
            Consumer<Message> inbound) throws IOException {
        SslContext ssl = TlsContexts.forServer(config.tls());
        SnapshotInbox snapshots = new SnapshotInbox(config.self(), config.snapshotStagingDir(), inbound);
        // Tracked so that closing the server also drops its peers' connections, as a restart would.
        ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        ChannelPipeline p = ch.pipeline();
                        if (ssl != null) {
                            p.addLast(ssl.newHandler(ch.alloc()));
                        }
                        p.addLast(new FrameDecoder(config.maxFrameBytes()));
                        p.addLast(FrameEncoder.INSTANCE);
                        p.addLast(new InboundConnection(config, membership, inbound, snapshots));
                    }
                });
        try {
            Channel channel = bootstrap.bind(config.bind().host(), config.bind().port()).sync().channel();
            return new TransportServer(channel, connections, snapshots);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while binding " + config.bind(), e);
        } catch (Exception e) {
            // sync() rethrows the bind failure (a BindException) undeclared.
            throw new IOException("cannot bind " + config.bind() + ": " + e.getMessage(), e);
        }
    }

    /** The port actually bound, which differs from the configured one when that was 0. */
    int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** Stops accepting, closes the listening socket and every accepted connection. */
    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        connections.close().syncUninterruptibly();
        snapshots.close();
    }
}
