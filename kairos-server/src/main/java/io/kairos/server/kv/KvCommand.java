package io.kairos.server.kv;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * A write to the key-value map: set a key, or append to its value. A command may carry a client
 * session (client id and a sequence number that client increases by one per new write), which makes
 * a retried write apply at most once; session 0 means no deduplication.
 */
public record KvCommand(Op op, long clientId, long sequence, String key, byte[] value) {

    public enum Op { PUT, APPEND }

    static final int MAX_KEY_BYTES = 1024;

    public KvCommand {
        if (op == null || key == null || value == null) {
            throw new IllegalArgumentException("op, key and value must be set");
        }
        if (key.isEmpty() || key.length() > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("key must be 1 to " + MAX_KEY_BYTES + " characters");
        }
        if (clientId < 0 || sequence < 0 || (clientId == 0) != (sequence == 0)) {
            throw new IllegalArgumentException("client id and sequence must both be 0 or both positive, got "
                    + clientId + " and " + sequence);
        }
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 + key.length() + value.length);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(op.ordinal());
            out.writeLong(clientId);
            out.writeLong(sequence);
            out.writeUTF(key);
            out.writeInt(value.length);
            out.write(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * @throws IllegalArgumentException if the bytes are not a command (the state machine then
     *     rejects the entry, the same way on every node)
     */
    public static KvCommand decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes))) {
            int op = in.readUnsignedByte();
            if (op >= Op.values().length) {
                throw new IllegalArgumentException("unknown key-value operation " + op);
            }
            long client = in.readLong();
            long seq = in.readLong();
            String key = in.readUTF();
            int length = in.readInt();
            if (length < 0 || length > bytes.length) {
                throw new IllegalArgumentException("value length " + length + " exceeds the command");
            }
            byte[] value = in.readNBytes(length);
            if (value.length != length || in.read() != -1) {
                throw new IllegalArgumentException("command of " + bytes.length + " bytes is truncated or too long");
            }
            return new KvCommand(Op.values()[op], client, seq, key, value);
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed key-value command: " + e, e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KvCommand c && op == c.op && clientId == c.clientId && sequence == c.sequence
                && key.equals(c.key) && Arrays.equals(value, c.value);
    }

    @Override
    public int hashCode() {
        return (op.hashCode() * 31 + key.hashCode()) * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return op + " " + key + " (" + value.length + " bytes, client " + clientId + " #" + sequence + ")";
    }
}
