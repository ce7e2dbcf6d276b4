package io.kairos.sim.kv;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One client write as it travels in the Raft log.
 *
 * @param opId the operation's id, unique in a run; a retried operation keeps its id
 * @param clientId the client that issued it
 * @param clientSeq the client's sequence number for it: a client has one operation at a time, so
 *     sequence numbers of applied operations only grow (the session table relies on it)
 * @param kind put or append
 * @param key the key written
 * @param value the value put or appended
 */
public record KvCommand(long opId, int clientId, long clientSeq, WriteKind kind, String key, String value) {

    public KvCommand {
        if (opId < 1 || clientId < 0 || clientSeq < 1 || kind == null || key == null || value == null) {
            throw new IllegalArgumentException("invalid command " + opId + "/" + clientId + "/" + clientSeq + " "
                    + kind + " " + key + "=" + value);
        }
    }

    public byte[] encode() {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        byte[] v = value.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + 4 + 8 + 1 + 4 + k.length + 4 + v.length);
        b.putLong(opId).putInt(clientId).putLong(clientSeq).put((byte) kind.ordinal());
        b.putInt(k.length).put(k).putInt(v.length).put(v);
        return b.array();
    }

    /**
     * Decodes {@link #encode()}'s bytes.
     *
     * @throws IllegalArgumentException if the bytes are not a command
     */
    public static KvCommand decode(byte[] bytes) {
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            long opId = b.getLong();
            int clientId = b.getInt();
            long clientSeq = b.getLong();
            WriteKind kind = WriteKind.values()[b.get()];
            String key = readString(b);
            String value = readString(b);
            if (b.hasRemaining()) {
                throw new IllegalArgumentException(b.remaining() + " trailing bytes");
            }
            return new KvCommand(opId, clientId, clientSeq, kind, key, value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a kv command: " + bytes.length + " bytes", e);
        }
    }

    private static String readString(ByteBuffer b) {
        byte[] s = new byte[b.getInt()];
        b.get(s);
        return new String(s, StandardCharsets.UTF_8);
    }
}
