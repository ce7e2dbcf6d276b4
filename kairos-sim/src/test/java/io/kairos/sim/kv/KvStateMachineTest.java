package io.kairos.sim.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kairos.raft.Snapshot;
import org.junit.jupiter.api.Test;

class KvStateMachineTest {

    private static KvCommand put(int client, long seq, String key, String value) {
        return new KvCommand(client * 1000L + seq, client, seq, WriteKind.PUT, key, value);
    }

    private static KvCommand append(int client, long seq, String key, String value) {
        return new KvCommand(client * 1000L + seq, client, seq, WriteKind.APPEND, key, value);
    }

    @Test
    void putsSetAndAppendsExtendAKeysValue() {
        KvStateMachine kv = KvStateMachine.empty();
        assertThat(kv.get("k")).isEmpty();
        kv.apply(append(1, 1, "k", "a"));
        kv.apply(append(2, 1, "k", "b"));
        assertThat(kv.get("k")).isEqualTo("ab");
        kv.apply(put(1, 2, "k", "x"));
        assertThat(kv.get("k")).isEqualTo("x");
    }

    @Test
    void aRetriedOperationTakesEffectOnlyOnce() {
        KvStateMachine kv = KvStateMachine.empty();
        assertThat(kv.apply(append(1, 1, "k", "a"))).isTrue();
        assertThat(kv.apply(append(1, 1, "k", "a"))).isFalse();
        assertThat(kv.apply(append(1, 2, "k", "b"))).isTrue();
        assertThat(kv.apply(append(1, 1, "k", "a"))).isFalse(); // a late copy of an older operation
        assertThat(kv.get("k")).isEqualTo("ab");
    }

    @Test
    void aSnapshotIsAnIndependentCopyThatRestoresStateAndSessions() {
        KvStateMachine kv = KvStateMachine.empty();
        kv.apply(put(1, 1, "k", "a"));
        KvSnapshot snapshot = kv.snapshot();
        kv.apply(put(1, 2, "k", "b"));

        KvStateMachine restored = KvStateMachine.restore(snapshot);
        assertThat(restored.get("k")).isEqualTo("a");
        assertThat(restored.apply(put(1, 1, "k", "again"))).isFalse();
        assertThat(snapshot.data()).containsEntry("k", "a");
        assertThatThrownBy(() -> snapshot.data().put("k", "z")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void theInitialSnapshotRestoresAnEmptyMap() {
        assertThat(KvStateMachine.restore(Snapshot.NO_PAYLOAD).snapshot().data()).isEmpty();
    }

    @Test
    void commandsSurviveTheirEncoding() {
        KvCommand c = new KvCommand(7, 3, 12, WriteKind.APPEND, "k1", "3.12;");
        assertThat(KvCommand.decode(c.encode())).isEqualTo(c);
        assertThatThrownBy(() -> KvCommand.decode(new byte[] {1, 2, 3})).isInstanceOf(IllegalArgumentException.class);
    }
}
