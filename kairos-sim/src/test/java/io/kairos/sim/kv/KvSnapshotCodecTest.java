package io.kairos.sim.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class KvSnapshotCodecTest {

    @Test
    void aSnapshotReadsBackEqual() throws IOException {
        TreeMap<String, String> data = new TreeMap<>();
        data.put("k1", "v1");
        data.put("ключ", "значение");
        TreeMap<Integer, Long> sessions = new TreeMap<>();
        sessions.put(3, 42L);
        KvSnapshot snapshot = new KvSnapshot(data, sessions);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        KvSnapshotCodec.write(snapshot, out);

        assertThat(KvSnapshotCodec.read(new ByteArrayInputStream(out.toByteArray()))).isEqualTo(snapshot);
    }

    @Test
    void emptyContentIsTheEmptyStateMachine() throws IOException {
        assertThat(KvSnapshotCodec.read(new ByteArrayInputStream(new byte[0])))
                .isEqualTo(new KvSnapshot(new TreeMap<>(), new TreeMap<>()));
    }

    @Test
    void trailingBytesAreRefused() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        KvSnapshotCodec.write(new KvSnapshot(new TreeMap<>(), new TreeMap<>()), out);
        out.write(7);
        assertThatThrownBy(() -> KvSnapshotCodec.read(new ByteArrayInputStream(out.toByteArray())))
                .hasMessageContaining("trailing bytes");
    }
}
