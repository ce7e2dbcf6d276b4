package io.kairos.transport;

import io.kairos.raft.Membership;
import io.kairos.raft.NodeId;
import io.kairos.raft.message.Message;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One accepted connection: insists on a {@link Frame.Hello} from a member of this cluster first,
 * then passes on Raft messages sent by that member to this node, and snapshot chunks to the
 * {@link SnapshotInbox}. Anything else closes the connection. Terms are not looked at: a stale
 * message is the core's to refuse.
 */
final class InboundConnection extends SimpleChannelInboundHandler<Frame> {

    private static final Logger log = LoggerFactory.getLogger(InboundConnection.class);

    private final TransportConfig config;
    private final Supplier<Membership> membership;
    private final Consumer<Message> inbound;
    private final SnapshotInbox snapshots;

    /** The member that said Hello, or null before the handshake. */
    private NodeId peer;
    /** Set once the connection is refused; later frames already decoded are ignored. */
    private boolean refused;

    InboundConnection(TransportConfig config, Supplier<Membership> membership, Consumer<Message> inbound,
            SnapshotInbox snapshots) {
        this.config = config;
        this.membership = membership;
        this.inbound = inbound;
        this.snapshots = snapshots;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.executor().schedule(() -> {
            if (peer == null && !refused && ctx.channel().isOpen()) {
                refuse(ctx, "no Hello within " + config.helloTimeoutMillis() + " ms");
            }
        }, config.helloTimeoutMillis(), TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Frame frame) {
        if (refused) {
            return;
        }
        if (peer == null) {
            onHello(ctx, frame);
        } else if (frame instanceof Frame.Raft r) {
            onMessage(ctx, r.message());
        } else if (frame instanceof Frame.Chunk c) {
            onChunk(ctx, c);
        } else {
            refuse(ctx, "unexpected " + frame.getClass().getSimpleName() + " frame after the handshake");
        }
    }

    private void onHello(ChannelHandlerContext ctx, Frame frame) {
        if (!(frame instanceof Frame.Hello hello)) {
            refuse(ctx, "first frame is " + frame.getClass().getSimpleName() + ", expected Hello");
        } else if (!hello.clusterId().equals(config.clusterId())) {
            refuse(ctx, "cluster id '" + hello.clusterId() + "' is not this cluster's '" + config.clusterId() + "'");
        } else if (hello.protocolVersion() != WireTypes.VERSION) {
            refuse(ctx, "protocol version " + hello.protocolVersion() + " is not supported (" + WireTypes.VERSION + ")");
        } else if (hello.sender().equals(config.self())) {
            refuse(ctx, "sender claims to be this node " + config.self());
        } else if (!membership.get().contains(hello.sender())) {
            refuse(ctx, "sender " + hello.sender() + " is not a member of " + membership.get());
        } else {
            peer = hello.sender();
            log.debug("accepted connection {} from {}", ctx.channel().remoteAddress(), peer);
        }
    }

    private void onMessage(ChannelHandlerContext ctx, Message m) {
        if (!m.from().equals(peer) || !m.to().equals(config.self())) {
            refuse(ctx, "message from " + m.from() + " to " + m.to() + " on the connection of " + peer + " to "
                    + config.self());
            return;
        }
        try {
            inbound.accept(m);
        } catch (RuntimeException e) {
            // Our own consumer failed: not the peer's fault, so its connection stays up.
            log.error("the inbound consumer failed on {}", m, e);
        }
    }

    private void onChunk(ChannelHandlerContext ctx, Frame.Chunk c) {
        if (!c.from().equals(peer) || !c.to().equals(config.self())) {
            refuse(ctx, "snapshot chunk from " + c.from() + " to " + c.to() + " on the connection of " + peer);
            return;
        }
        snapshots.acceptLater(c, ctx.channel());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!refused) {
            refused = true;
            Refusal.onException(ctx.channel(), peer == null ? "before handshake" : "from " + peer, cause);
        }
    }

    private void refuse(ChannelHandlerContext ctx, String reason) {
        refused = true;
        Refusal.close(ctx.channel(), peer == null ? "before handshake" : "from " + peer, reason);
    }
}
