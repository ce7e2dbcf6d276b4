package io.kairos.bench.harness;

import java.nio.ByteBuffer;

/**
 * The W1 write: a 16-byte key and a 128-byte value, both derived from the write's sequence number,
 * so the outcome check can recompute what each member must hold. A command is key then value.
 */
public final class Entries {

    public static final int KEY_BYTES = 16;
    public static final int VALUE_BYTES = 128;
    public static final int COMMAND_BYTES = KEY_BYTES + VALUE_BYTES;

    private Entries() {}

    public static byte[] key(long sequence) {
        return ByteBuffer.allocate(KEY_BYTES).putLong(sequence).putLong(~sequence).array();
    }

    public static byte[] value(long sequence) {
        byte[] value = new byte[VALUE_BYTES];
        long x = sequence * 0x9E3779B97F4A7C15L + 1;
        for (int i = 0; i < VALUE_BYTES; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            value[i] = (byte) x;
        }
        return value;
    }

    public static byte[] command(long sequence) {
        return ByteBuffer.allocate(COMMAND_BYTES).put(key(sequence)).put(value(sequence)).array();
    }

    /** Splits a command into key and value; throws on a command of the wrong size. */
    public static void apply(ByteBuffer command, KeyValueMap map) {
        if (command.remaining() != COMMAND_BYTES) {
            throw new IllegalArgumentException("command of " + command.remaining() + " bytes, expected " + COMMAND_BYTES);
        }
        byte[] key = new byte[KEY_BYTES];
        byte[] value = new byte[VALUE_BYTES];
        command.get(key).get(value);
        map.put(key, value);
    }
}
