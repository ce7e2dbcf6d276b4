package io.kairos.transport;

import io.kairos.transport.MalformedFrameException.Reason;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Cuts the byte stream into frames and decodes each into a {@link Frame}. The length prefix is
 * checked against the maximum before anything is buffered for it, so an oversized announcement
 * costs four bytes of memory, not sixteen megabytes. After the first bad frame it discards
 * everything: the connection handler closes the channel.
 */
final class FrameDecoder extends ByteToMessageDecoder {

    private final int maxFrameBytes;
    private boolean failed;

    FrameDecoder(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < WireTypes.LENGTH_BYTES) {
            return;
        }
        int length;
        try {
            length = FrameCodec.checkLength(in.getInt(in.readerIndex()), maxFrameBytes);
        } catch (MalformedFrameException e) {
            failed = true;
            throw e;
        }
        if (in.readableBytes() < WireTypes.LENGTH_BYTES + length) {
            return;
        }
        in.skipBytes(WireTypes.LENGTH_BYTES);
        ByteBuffer content = ByteBuffer.allocate(length);
        in.readBytes(content);
        try {
            out.add(FrameCodec.decodeContent(content.flip()));
        } catch (MalformedFrameException e) {
            failed = true;
            throw e;
        }
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        super.decodeLast(ctx, in, out);
        if (!failed && in.isReadable()) {
            // The peer closed in the middle of a frame.
            failed = true;
            int readable = in.readableBytes();
            in.skipBytes(readable);
            throw new MalformedFrameException(Reason.TRUNCATED_BODY,
                    "connection closed inside a frame, " + readable + " bytes of it received");
        }
    }
}
