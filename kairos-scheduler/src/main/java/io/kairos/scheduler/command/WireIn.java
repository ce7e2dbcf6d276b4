package io.kairos.scheduler.command;

import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

/**
 * Reader for {@link WireOut}'s formats. Every failure is an {@link IllegalArgumentException} whose
 * message names what was being read and the byte offset, so malformed input is rejected precisely
 * and identically on every node.
 */
public final class WireIn {

    private final byte[] buf;
    private final String what;
    private int pos;

    /** @param what names the format in error messages, e.g. "command" */
    public WireIn(byte[] buf, String what) {
        if (buf == null) {
            throw new IllegalArgumentException("malformed " + what + ": null");
        }
        this.buf = buf;
        this.what = what;
    }

    public int readByte() {
        need(1, "a byte");
        return buf[pos++] & 0xff;
    }

    public boolean readBoolean() {
        int at = pos;
        int b = readByte();
        if (b > 1) {
            throw malformed("boolean byte " + b + " at offset " + at);
        }
        return b == 1;
    }

    public int readInt() {
        need(4, "an int");
        int v = 0;
        for (int i = 0; i < 4; i++) {
            v = (v << 8) | (buf[pos++] & 0xff);
        }
        return v;
    }

    public long readLong() {
        need(8, "a long");
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (buf[pos++] & 0xff);
        }
        return v;
    }

    public OptionalLong readOptionalLong() {
        return readBoolean() ? OptionalLong.of(readLong()) : OptionalLong.empty();
    }

    public String readString() {
        int at = pos;
        int length = readInt();
        if (length < 0 || length > buf.length - pos) {
            throw malformed("string length " + length + " at offset " + at + " exceeds the " + (buf.length - pos)
                    + " bytes left");
        }
        String s = new String(buf, pos, length, StandardCharsets.UTF_8);
        pos += length;
        return s;
    }

    /** A count of following items, checked against the bytes left (each item takes at least one). */
    public int readCount() {
        int at = pos;
        int n = readInt();
        if (n < 0 || n > buf.length - pos) {
            throw malformed("count " + n + " at offset " + at + " is impossible with " + (buf.length - pos)
                    + " bytes left");
        }
        return n;
    }

    public <E extends Enum<E>> E readEnum(Class<E> type) {
        int at = pos;
        int ordinal = readByte();
        E[] values = type.getEnumConstants();
        if (ordinal >= values.length) {
            throw malformed("unknown " + type.getSimpleName() + " " + ordinal + " at offset " + at);
        }
        return values[ordinal];
    }

    /** Asserts all bytes were read. */
    public void expectEnd() {
        if (pos != buf.length) {
            throw malformed((buf.length - pos) + " trailing bytes at offset " + pos);
        }
    }

    /** An error naming the format and this reader's position. */
    public IllegalArgumentException malformed(String detail) {
        return new IllegalArgumentException("malformed " + what + ": " + detail);
    }

    public int offset() {
        return pos;
    }

    private void need(int n, String item) {
        if (buf.length - pos < n) {
            throw malformed("truncated at offset " + pos + " reading " + item + " (" + buf.length + " bytes)");
        }
    }
}
