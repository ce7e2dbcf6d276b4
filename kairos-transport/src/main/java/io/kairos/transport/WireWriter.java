package io.kairos.transport;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Big-endian primitives into a growing byte array; the frame's length is patched in at the end. */
final class WireWriter {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    private final DataOutputStream out = new DataOutputStream(bytes);

    WireWriter(byte type) {
        // Placeholder for the length prefix, then the header.
        writeInt(0);
        writeByte(WireTypes.VERSION);
        writeByte(type);
    }

    WireWriter writeByte(int value) {
        try {
            out.writeByte(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream never throws
        }
        return this;
    }

    WireWriter writeInt(int value) {
        try {
            out.writeInt(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    WireWriter writeLong(long value) {
        try {
            out.writeLong(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    WireWriter writeBytes(byte[] value) {
        bytes.write(value, 0, value.length); // DataOutputStream does not buffer: order is kept
        return this;
    }

    /** The whole frame, length prefix included. */
    byte[] toFrame() {
        byte[] frame = bytes.toByteArray();
        int length = frame.length - WireTypes.LENGTH_BYTES;
        frame[0] = (byte) (length >>> 24);
        frame[1] = (byte) (length >>> 16);
        frame[2] = (byte) (length >>> 8);
        frame[3] = (byte) length;
        return frame;
    }
}
