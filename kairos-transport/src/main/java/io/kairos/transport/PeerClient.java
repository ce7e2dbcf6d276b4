package io.kairos.transport;

import io.kairos.raft.NodeId;
import io.kairos.raft.message.InstallSnapshot;
import io.kairos.raft.message.Message;
import io.kairos.storage.snapshot.FileSnapshotPayload;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The persistent outbound connection to one peer's advertised address. {@link #send} only encodes
 * and queues (bounded), from any thread; everything else runs on the client's one event loop:
 * connecting, the handshake, draining the queue while the channel is writable, reconnecting with
 * backoff after a loss, and streaming snapshots.
 */
final class PeerClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PeerClient.class);

    /** Netty stops reporting the channel writable above this many unflushed bytes; drain waits. */
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(256 * 1024, 1024 * 1024);
    /** Flush at least this often while draining, so that TLS and the socket see bytes early. */
    private static final int FLUSH_EVERY_FRAMES = 64;

    private final TransportConfig config;
    private final NodeId peer;
    private final PeerAddress address;
    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final OutboundQueue queue;
    private final SnapshotSender snapshots;
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Random jitter = new Random();
    private volatile boolean closed;

    // Owned by the event loop.
    private Channel channel;
    private int failedAttempts;
    private long connectedAtNanos;

    PeerClient(TransportConfig config, NodeId peer, PeerAddress address, EventLoop loop, SslContext ssl) {
        this.config = config;
        this.peer = peer;
        this.address = address;
        this.loop = loop;
        this.queue = new OutboundQueue(config.queueMaxMessages(), config.queueMaxBytes());
        this.snapshots = new SnapshotSender(config, peer);
        this.bootstrap = new Bootstrap()
                .group(loop)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(10_000, config.backoff().maxMillis() + 1_000))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ChannelPipeline p = ch.pipeline();
                        if (ssl != null) {
                            p.addLast(ssl.newHandler(ch.alloc(), address.host(), address.port()));
                        }
                        p.addLast(new FrameDecoder(config.maxFrameBytes()));
                        p.addLast(FrameEncoder.INSTANCE);
                        p.addLast(new Responses());
                    }
                });
    }

    /** Starts connecting; returns at once. */
    void start() {
        loop.execute(this::connect);
    }

    /**
     * Queues {@code m} for the peer. Never blocks. Returns false, counting the message as dropped,
     * when the queue is full, the message cannot be framed, or the client is closed. A snapshot
     * with a file payload is streamed in chunks instead; a newer one replaces an unfinished one.
     */
    boolean send(Message m) {
        if (!m.to().equals(peer)) {
            throw new IllegalArgumentException("message to " + m.to() + " given to the client of " + peer);
        }
        if (closed) {
            queue.countDropped();
            return false;
        }
        if (m instanceof InstallSnapshot s && s.snapshot().payload() instanceof FileSnapshotPayload) {
            loop.execute(() -> snapshots.start(s, channel));
            return true;
        }
        byte[] frame;
        try {
            frame = MessageCodec.encode(m);
        } catch (IllegalArgumentException e) {
            log.warn("dropping a message to {} that cannot be framed: {}", peer, e.getMessage());
            queue.countDropped();
            return false;
        }
        if (frame.length - WireTypes.LENGTH_BYTES > config.maxFrameBytes()) {
            log.warn("dropping a {}-byte message to {}, over the maximum frame of {} bytes",
                    frame.length, peer, config.maxFrameBytes());
            queue.countDropped();
            return false;
        }
        if (!queue.offer(frame)) {
            return false;
        }
        if (drainScheduled.compareAndSet(false, true)) {
            loop.execute(this::drain);
        }
        return true;
    }

    long dropped() {
        return queue.dropped();
    }

    int queued() {
        return queue.size();
    }

    boolean isConnected() {
        Channel c = channel;
        return c != null && c.isActive();
    }

    private void drain() {
        drainScheduled.set(false);
        Channel c = channel;
        if (c == null || !c.isActive()) {
            return;
        }
        int unflushed = 0;
        byte[] frame;
        while (c.isWritable() && (frame = queue.poll()) != null) {
            c.write(Unpooled.wrappedBuffer(frame), c.voidPromise());
            if (++unflushed == FLUSH_EVERY_FRAMES) {
                c.flush();
                unflushed = 0;
            }
        }
        if (unflushed > 0) {
            c.flush();
        }
    }

    private void connect() {
        if (closed) {
            return;
        }
        ChannelFuture future = bootstrap.connect(address.host(), address.port());
        future.addListener(f -> {
            if (!f.isSuccess()) {
                log.debug("cannot connect to {} at {}: {}", peer, address, f.cause().toString());
                scheduleReconnect();
                return;
            }
            Channel c = future.channel();
            if (closed) {
                c.close(); // close() ran while we were connecting
                return;
            }
            // The handshake goes first; queued messages follow it on the same channel.
            c.write(new Frame.Hello(config.clusterId(), config.self(), WireTypes.VERSION), c.voidPromise());
            channel = c;
            connectedAtNanos = System.nanoTime();
            c.closeFuture().addListener(closed -> onDisconnected(c));
            drain();
            c.flush();
            snapshots.onConnected(c);
        });
    }

    private void onDisconnected(Channel c) {
        if (channel != c) {
            return;
        }
        channel = null;
        // A connection that lived long resets the backoff; one refused at once keeps it growing,
        // so a peer that keeps refusing us is not redialled in a tight loop.
        long livedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - connectedAtNanos);
        if (livedMillis >= config.backoff().maxMillis()) {
            failedAttempts = 0;
        }
        scheduleReconnect();
    }

    private void scheduleReconnect() {
        if (closed) {
            return;
        }
        long delay = config.backoff().delayMillis(failedAttempts++, jitter);
        loop.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    /** Stops reconnecting and closes the connection; queued messages are dropped. */
    @Override
    public void close() {
        closed = true;
        loop.execute(() -> {
            snapshots.close();
            if (channel != null) {
                channel.close();
            }
        });
    }

    /** What comes back on our own connection: snapshot acks, and writability changes. */
    private final class Responses extends SimpleChannelInboundHandler<Frame> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Frame frame) {
            if (frame instanceof Frame.ChunkAck ack && ack.from().equals(peer)) {
                snapshots.onAck(ack, ctx.channel());
            } else {
                Refusal.close(ctx.channel(), "to " + peer, "unexpected " + frame + " from the accepting side");
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable()) {
                drain();
            }
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            Refusal.onException(ctx.channel(), "to " + peer, cause);
        }
    }
}
