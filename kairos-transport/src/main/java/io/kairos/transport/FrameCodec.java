package io.kairos.transport;

import io.kairos.raft.NodeId;
import io.kairos.storage.snapshot.SnapshotChunk;
import io.kairos.transport.MalformedFrameException.Reason;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Frames to bytes and back. A frame is a 4-byte big-endian length (of what follows), a version
 * byte, a type byte and the type's body. Decoding checks every field and throws a
 * {@link MalformedFrameException} saying exactly what is wrong; it never trusts a count or length
 * from the wire before checking it against the bytes that are there.
 */
final class FrameCodec {

    private FrameCodec() {}

    /** The whole frame, length prefix included. */
    static byte[] encode(Frame frame) {
        if (frame instanceof Frame.Raft r) {
            return MessageCodec.encode(r.message());
        } else if (frame instanceof Frame.Hello h) {
            byte[] clusterId = h.clusterId().getBytes(StandardCharsets.UTF_8);
            return new WireWriter(WireTypes.HELLO).writeInt(clusterId.length).writeBytes(clusterId)
                    .writeInt(h.sender().value()).writeInt(h.protocolVersion()).toFrame();
        } else if (frame instanceof Frame.Chunk c) {
            SnapshotChunk chunk = c.chunk();
            byte[] bytes = chunk.bytes();
            return new WireWriter(WireTypes.SNAPSHOT_CHUNK).writeInt(c.from().value()).writeInt(c.to().value())
                    .writeLong(c.term()).writeInt(c.epoch()).writeLong(chunk.index()).writeLong(chunk.term()).writeLong(chunk.offset())
                    .writeByte(chunk.last() ? 1 : 0).writeInt(chunk.totalCrc()).writeInt(bytes.length)
                    .writeBytes(bytes).toFrame();
        } else if (frame instanceof Frame.ChunkAck a) {
            return new WireWriter(WireTypes.SNAPSHOT_CHUNK_ACK).writeInt(a.from().value()).writeInt(a.to().value())
                    .writeLong(a.index()).writeLong(a.snapshotTerm()).writeInt(a.epoch()).writeByte(a.kind().ordinal())
                    .writeLong(a.offset()).toFrame();
        }
        throw new AssertionError("unknown frame " + frame);
    }

    /**
     * Decodes one complete frame, length prefix included, that fills {@code framed} exactly.
     * For tests and tools; the network path uses {@link FrameDecoder}, which calls
     * {@link #decodeContent}.
     */
    static Frame decode(ByteBuffer framed, int maxFrameBytes) {
        if (framed.remaining() < WireTypes.LENGTH_BYTES) {
            throw new MalformedFrameException(Reason.TRUNCATED_BODY,
                    "frame ends inside its length prefix after " + framed.remaining() + " bytes");
        }
        int length = checkLength(framed.getInt(), maxFrameBytes);
        if (framed.remaining() < length) {
            throw new MalformedFrameException(Reason.TRUNCATED_BODY,
                    "frame announces " + length + " bytes but only " + framed.remaining() + " follow");
        }
        if (framed.remaining() > length) {
            throw new MalformedFrameException(Reason.TRAILING_BYTES,
                    (framed.remaining() - length) + " bytes follow the " + length + "-byte frame");
        }
        return decodeContent(framed);
    }

    /** Checks a length prefix before anything is buffered for it, and returns it. */
    static int checkLength(int length, int maxFrameBytes) {
        if (length < WireTypes.HEADER_BYTES) {
            throw new MalformedFrameException(Reason.FRAME_TOO_SHORT,
                    "frame length " + length + " is below the " + WireTypes.HEADER_BYTES + "-byte header");
        }
        if (length > maxFrameBytes) {
            throw new MalformedFrameException(Reason.FRAME_TOO_LONG,
                    "frame length " + length + " exceeds the maximum of " + maxFrameBytes + " bytes");
        }
        return length;
    }

    /** Decodes the content after the length prefix: version, type and a body that must end exactly. */
    static Frame decodeContent(ByteBuffer content) {
        int version = content.get() & 0xFF;
        if (version != WireTypes.VERSION) {
            throw new MalformedFrameException(Reason.UNKNOWN_VERSION,
                    "frame version " + version + " is not the supported version " + WireTypes.VERSION);
        }
        byte type = content.get();
        WireReader in = new WireReader(content, "frame of type " + type);
        Frame frame;
        try {
            frame = decodeBody(type, in);
        } catch (IllegalArgumentException e) {
            // A record's constructor refused the decoded values.
            throw in.invalid(e.getMessage());
        }
        in.expectEnd();
        return frame;
    }

    private static Frame decodeBody(byte type, WireReader in) {
        if (MessageCodec.isMessageType(type)) {
            return new Frame.Raft(MessageCodec.decode(type, in));
        }
        switch (type) {
            case WireTypes.HELLO: {
                byte[] clusterId = in.readBytes("cluster id");
                return new Frame.Hello(new String(clusterId, StandardCharsets.UTF_8), in.readNodeId("sender"),
                        in.readInt("protocol version"));
            }
            case WireTypes.SNAPSHOT_CHUNK: {
                NodeId from = in.readNodeId("from");
                NodeId to = in.readNodeId("to");
                long term = in.readLong("term");
                int epoch = in.readInt("epoch");
                long index = in.readLong("snapshot index");
                long snapshotTerm = in.readLong("snapshot term");
                long offset = in.readLong("offset");
                boolean last = in.readBoolean("last");
                int totalCrc = in.readInt("total crc");
                byte[] bytes = in.readBytes("chunk");
                return new Frame.Chunk(from, to, term, epoch, new SnapshotChunk(index, snapshotTerm, offset, bytes, last,
                        totalCrc));
            }
            case WireTypes.SNAPSHOT_CHUNK_ACK: {
                NodeId from = in.readNodeId("from");
                NodeId to = in.readNodeId("to");
                long index = in.readLong("snapshot index");
                long snapshotTerm = in.readLong("snapshot term");
                int epoch = in.readInt("epoch");
                int kind = in.readByte("ack kind");
                if (kind < 0 || kind >= Frame.AckKind.values().length) {
                    throw in.invalid("unknown ack kind " + kind);
                }
                return new Frame.ChunkAck(from, to, index, snapshotTerm, epoch, Frame.AckKind.values()[kind],
                        in.readLong("offset"));
            }
            default:
                throw new MalformedFrameException(Reason.UNKNOWN_TYPE, "unknown frame type " + type);
        }
    }
}
