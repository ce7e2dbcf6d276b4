package io.kairos.transport;

import io.kairos.raft.NodeId;
import io.kairos.transport.MalformedFrameException.Reason;
import java.nio.ByteBuffer;

/**
 * Big-endian primitives out of one frame's body. Every read checks that the bytes are there, so a
 * truncated body is reported as such and never as some other, misleading error.
 */
final class WireReader {

    private final ByteBuffer in;
    private final String frameName;

    WireReader(ByteBuffer in, String frameName) {
        this.in = in;
        this.frameName = frameName;
    }

    byte readByte(String field) {
        need(1, field);
        return in.get();
    }

    boolean readBoolean(String field) {
        byte b = readByte(field);
        if (b != 0 && b != 1) {
            throw invalid(field + " must be 0 or 1, got " + b);
        }
        return b == 1;
    }

    int readInt(String field) {
        need(Integer.BYTES, field);
        return in.getInt();
    }

    long readLong(String field) {
        need(Long.BYTES, field);
        return in.getLong();
    }

    NodeId readNodeId(String field) {
        int value = readInt(field);
        if (value < 1) {
            throw invalid(field + " must be a node id >= 1, got " + value);
        }
        return NodeId.of(value);
    }

    /** A count that announces at least {@code minBytesEach} bytes per element, checked before allocating. */
    int readCount(String field, int minBytesEach) {
        int count = readInt(field);
        if (count < 0) {
            throw invalid(field + " must be >= 0, got " + count);
        }
        if ((long) count * minBytesEach > in.remaining()) {
            throw new MalformedFrameException(Reason.TRUNCATED_BODY, frameName + " announces " + count + " " + field
                    + " but only " + in.remaining() + " bytes remain");
        }
        return count;
    }

    /** A length-prefixed byte string; the length is checked against what remains before allocating. */
    byte[] readBytes(String field) {
        int length = readCount(field + " length", 1);
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }

    /** Fails unless every byte of the body was consumed. */
    void expectEnd() {
        if (in.hasRemaining()) {
            throw new MalformedFrameException(Reason.TRAILING_BYTES,
                    frameName + " has " + in.remaining() + " trailing bytes after its last field");
        }
    }

    MalformedFrameException invalid(String what) {
        return new MalformedFrameException(Reason.INVALID_FIELD, frameName + ": " + what);
    }

    private void need(int bytes, String field) {
        if (in.remaining() < bytes) {
            throw new MalformedFrameException(Reason.TRUNCATED_BODY, frameName + " ends before its " + field
                    + " (" + bytes + " bytes needed, " + in.remaining() + " remain)");
        }
    }
}
