package io.kairos.server.kv;

import io.kairos.raft.StateMachine;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A replicated key-value map: the application the networked master serves until the scheduler
 * arrives, and the one its tests and benchmarks write to. Writes with a client session apply at
 * most once: a sequence number at or below the client's last one is a duplicate and changes
 * nothing. Results are one status byte; queries answer a key's value.
 */
public final class KvStateMachine implements StateMachine {

    /** Result of a write that took effect. */
    public static final byte APPLIED = 0;
    /** Result of a write whose session had already applied it. */
    public static final byte DUPLICATE = 1;
    /** Result of an entry that is not a key-value command. */
    public static final byte REJECTED = 2;

    private final Map<String, byte[]> data = new HashMap<>();
    private final Map<Long, Long> lastSequenceByClient = new HashMap<>();

    @Override
    public byte[] apply(long index, byte[] command) {
        KvCommand c;
        try {
            c = KvCommand.decode(command);
        } catch (IllegalArgumentException e) {
            return new byte[] {REJECTED};
        }
        if (c.clientId() != 0) {
            long last = lastSequenceByClient.getOrDefault(c.clientId(), 0L);
            if (c.sequence() <= last) {
                return new byte[] {DUPLICATE};
            }
            lastSequenceByClient.put(c.clientId(), c.sequence());
        }
        byte[] value = c.value();
        if (c.op() == KvCommand.Op.APPEND) {
            byte[] old = data.get(c.key());
            if (old != null) {
                byte[] joined = new byte[old.length + value.length];
                System.arraycopy(old, 0, joined, 0, old.length);
                System.arraycopy(value, 0, joined, old.length, value.length);
                value = joined;
            }
        }
        data.put(c.key(), value);
        return new byte[] {APPLIED};
    }

    /** The query is a key in UTF-8; the answer its value, or null if the key is absent. */
    @Override
    public byte[] query(byte[] query) {
        byte[] value = data.get(new String(query, StandardCharsets.UTF_8));
        return value == null ? null : value.clone();
    }

    public int size() {
        return data.size();
    }

    @Override
    public void writeSnapshot(OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        // Sorted, so that equal states give equal snapshot bytes on every node.
        TreeMap<String, byte[]> sorted = new TreeMap<>(this.data);
        data.writeInt(sorted.size());
        for (var e : sorted.entrySet()) {
            data.writeUTF(e.getKey());
            data.writeInt(e.getValue().length);
            data.write(e.getValue());
        }
        TreeMap<Long, Long> sessions = new TreeMap<>(lastSequenceByClient);
        data.writeInt(sessions.size());
        for (var e : sessions.entrySet()) {
            data.writeLong(e.getKey());
            data.writeLong(e.getValue());
        }
        data.flush();
    }

    @Override
    public void restore(InputStream in) throws IOException {
        data.clear();
        lastSequenceByClient.clear();
        DataInputStream input = new DataInputStream(in);
        int entries;
        try {
            entries = input.readInt();
        } catch (EOFException empty) {
            return;
        }
        for (int i = 0; i < entries; i++) {
            String key = input.readUTF();
            byte[] value = new byte[input.readInt()];
            input.readFully(value);
            data.put(key, value);
        }
        int sessions = input.readInt();
        for (int i = 0; i < sessions; i++) {
            lastSequenceByClient.put(input.readLong(), input.readLong());
        }
    }
}
