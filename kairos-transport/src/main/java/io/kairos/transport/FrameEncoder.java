package io.kairos.transport;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/** Encodes frames written as objects (handshake, chunks, acks); queued messages are written pre-encoded. */
@ChannelHandler.Sharable
final class FrameEncoder extends MessageToMessageEncoder<Frame> {

    static final FrameEncoder INSTANCE = new FrameEncoder();

    private FrameEncoder() {
        super(Frame.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Frame frame, List<Object> out) {
        out.add(Unpooled.wrappedBuffer(FrameCodec.encode(frame)));
    }
}
