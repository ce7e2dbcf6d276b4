package io.kairos.sim.kv;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.TreeMap;

/**
 * The bytes of a {@link KvSnapshot} in a snapshot file: the entry counts, then each key and value
 * and each client's last sequence number. Empty content (the cluster's initial snapshot) is the
 * empty state machine.
 */
public final class KvSnapshotCodec {

    private KvSnapshotCodec() {}

    public static void write(KvSnapshot snapshot, OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(snapshot.data().size());
        for (var e : snapshot.data().entrySet()) {
            data.writeUTF(e.getKey());
            data.writeUTF(e.getValue());
        }
        data.writeInt(snapshot.lastSeqByClient().size());
        for (var e : snapshot.lastSeqByClient().entrySet()) {
            data.writeInt(e.getKey());
            data.writeLong(e.getValue());
        }
        data.flush();
    }

    public static KvSnapshot read(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        TreeMap<String, String> map = new TreeMap<>();
        TreeMap<Integer, Long> sessions = new TreeMap<>();
        int entries;
        try {
            entries = data.readInt();
        } catch (EOFException empty) {
            return new KvSnapshot(map, sessions);
        }
        for (int i = 0; i < entries; i++) {
            map.put(data.readUTF(), data.readUTF());
        }
        int clients = data.readInt();
        for (int i = 0; i < clients; i++) {
            sessions.put(data.readInt(), data.readLong());
        }
        if (data.read() != -1) {
            throw new IOException("trailing bytes after a key-value snapshot of " + entries + " entries");
        }
        return new KvSnapshot(map, sessions);
    }
}
