package io.kairos.server.http;

import io.kairos.server.config.Member;
import io.kairos.server.config.ApiToken;
import io.kairos.server.loop.RaftLoop;
import io.kairos.server.metrics.MasterMetrics;
import io.kairos.server.sched.SchedulerService;
import io.kairos.raft.NodeId;
import io.kairos.transport.PeerAddress;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The master's HTTP/JSON API on Netty. Handlers never block: they hand the request to the
 * {@link RaftLoop} and answer when its future completes (or the request times out).
 */
public final class ApiServer implements AutoCloseable {

    /** Requests larger than this are refused with 413 before they reach a handler. */
    static final int MAX_REQUEST_BYTES = 1 << 20;

    private final EventLoopGroup group;
    private final Channel channel;
    /**
     * Accepted connections, closed with the server: shutting the event loops down alone left them
     * open (found by a restart on the same ports in one JVM: a client's kept-alive connection to
     * the stopped server took requests that nobody read, until the client's timeout).
     */
    private final ChannelGroup connections;

    private ApiServer(EventLoopGroup group, Channel channel, ChannelGroup connections) {
        this.connections = connections;
        this.group = group;
        this.channel = channel;
    }

    /**
     * Binds the API.
     *
     * @param members every member's advertised API address, to tell clients where the leader is
     * @param requestTimeout how long a write or read may wait for the cluster before a 503
     */
    public static ApiServer start(PeerAddress bind, RaftLoop loop, Map<NodeId, Member> members,
            Duration requestTimeout, SchedulerService scheduler, ApiToken token, MasterMetrics metrics)
            throws IOException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        ApiRoutes routes = new ApiRoutes(loop, members, requestTimeout, scheduler, metrics);
        ChannelFuture bound = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                // Answers are small and latency-bound: never let Nagle hold one back behind an unacked segment.
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch); // removed again when it closes
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpServerKeepAliveHandler(),
                                new HttpObjectAggregator(MAX_REQUEST_BYTES), new ApiHandler(routes, token));
                    }
                })
                .bind(new InetSocketAddress(bind.host(), bind.port())).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw new IOException("cannot bind the API to " + bind + ": " + bound.cause().getMessage(), bound.cause());
        }
        return new ApiServer(group, bound.channel(), connections);
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        connections.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
