package io.kairos.scheduler.command;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.OptionalLong;

/** Big-endian writer of the module's binary formats: commands, results, queries, snapshots. */
public final class WireOut {

    private byte[] buf = new byte[64];
    private int size;

    public WireOut writeByte(int b) {
        ensure(1);
        buf[size++] = (byte) b;
        return this;
    }

    public WireOut writeBoolean(boolean b) {
        return writeByte(b ? 1 : 0);
    }

    public WireOut writeInt(int v) {
        ensure(4);
        for (int shift = 24; shift >= 0; shift -= 8) {
            buf[size++] = (byte) (v >>> shift);
        }
        return this;
    }

    public WireOut writeLong(long v) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buf[size++] = (byte) (v >>> shift);
        }
        return this;
    }

    /** A present flag, then the value if present. */
    public WireOut writeOptionalLong(OptionalLong v) {
        writeBoolean(v.isPresent());
        if (v.isPresent()) {
            writeLong(v.getAsLong());
        }
        return this;
    }

    /** UTF-8 byte length as an int, then the bytes. */
    public WireOut writeString(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        writeInt(bytes.length);
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, size, bytes.length);
        size += bytes.length;
        return this;
    }

    public WireOut writeEnum(Enum<?> e) {
        return writeByte(e.ordinal());
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }
}
