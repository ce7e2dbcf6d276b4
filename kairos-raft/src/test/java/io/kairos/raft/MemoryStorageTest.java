package io.kairos.raft;

import static io.kairos.raft.LoneNode.entries;
import static io.kairos.raft.LoneNode.voters;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryStorageTest {

    @Test
    void aBootstrappedStorageHoldsOnlyTheInitialMembership() {
        MemoryStorage s = MemoryStorage.bootstrap(voters(3));

        assertThat(s.hardState()).isEqualTo(HardState.EMPTY);
        assertThat(s.snapshot().index()).isZero();
        assertThat(s.snapshot().meta().membership()).isEqualTo(voters(3));
        assertThat(s.firstIndex()).isEqualTo(1);
        assertThat(s.lastIndex()).isZero();
        assertThat(s.term(0)).isZero();
    }

    @Test
    void appendingOverwritesFromTheFirstNewIndexAndRefusesGaps() {
        MemoryStorage s = LoneNode.storageWith(voters(3), 1, 1, 1);

        s.append(entries(2, 2));
        assertThat(s.lastIndex()).isEqualTo(2);
        assertThat(s.term(2)).isEqualTo(2);
        assertThatThrownBy(() -> s.append(entries(4, 2))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> s.append(List.of(entries(3, 2).get(0), entries(5, 2).get(0))))
                .isInstanceOf(IllegalStateException.class);
        s.append(List.of());
        assertThat(s.lastIndex()).isEqualTo(3);
    }

    @Test
    void termsAndEntriesOutsideTheLogAreOutOfBounds() {
        MemoryStorage s = LoneNode.storageWith(voters(3), 1, 1, 1);

        assertThatThrownBy(() -> s.term(4)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> s.entries(0, 2, 100)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> s.entries(1, 5, 100)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> s.entries(3, 2, 100)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(s.entries(2, 2, 100)).isEmpty();
    }

    @Test
    void entriesStopAtMaxBytesButAlwaysReturnOne() {
        MemoryStorage s = LoneNode.storageWith(voters(3), 1, 1, 1);
        long size = s.entries(1, 2, Long.MAX_VALUE).get(0).sizeBytes();

        assertThat(s.entries(1, 4, 1)).hasSize(1);
        assertThat(s.entries(1, 4, size)).hasSize(1);
        assertThat(s.entries(1, 4, 2 * size)).hasSize(2);
        assertThat(s.entries(1, 4, Long.MAX_VALUE)).hasSize(3);
    }

    @Test
    void truncatingDropsEntriesFromAnIndexOn() {
        MemoryStorage s = LoneNode.storageWith(voters(3), 1, 1, 1);

        s.truncateFrom(2);
        assertThat(s.lastIndex()).isEqualTo(1);
        s.truncateFrom(0);
        assertThat(s.lastIndex()).isZero();
    }

    @Test
    void appendingIntoACompactedPartIsRefused() {
        MemoryStorage s = LoneNode.storageWith(voters(3), 1, 1, 1);
        s.createSnapshot(2, voters(3), () -> 0);

        assertThatThrownBy(() -> s.append(entries(2, 1))).isInstanceOf(IllegalStateException.class);
        s.append(entries(3, 2));
        assertThat(s.term(3)).isEqualTo(2);
    }

    @Test
    void aSnapshotTakenLocallyCompactsTheLogUpToIt() {
        MemoryStorage s = LoneNode.storageWith(voters(3), 1, 1, 2, 2);

        s.createSnapshot(3, voters(5), () -> 7);

        assertThat(s.snapshot().index()).isEqualTo(3);
        assertThat(s.snapshot().term()).isEqualTo(2);
        assertThat(s.snapshot().meta().membership()).isEqualTo(voters(5));
        assertThat(s.firstIndex()).isEqualTo(4);
        assertThat(s.lastIndex()).isEqualTo(4);
        assertThat(s.term(3)).isEqualTo(2);
        assertThat(s.entries(4, 5, 100)).extracting(LogEntry::index).containsExactly(4L);

        s.createSnapshot(2, voters(3), () -> 0);
        assertThat(s.snapshot().index()).isEqualTo(3);
        s.createSnapshot(4, voters(3), () -> 0);
        assertThat(s.snapshot().index()).isEqualTo(4);
        assertThat(s.lastIndex()).isEqualTo(4);
        assertThatThrownBy(() -> s.createSnapshot(9, voters(3), () -> 0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anInstalledSnapshotKeepsOnlyAMatchingSuffix() {
        MemoryStorage matching = LoneNode.storageWith(voters(3), 1, 1, 1, 1);
        matching.installSnapshot(new Snapshot(new SnapshotMeta(2, 1, voters(3)), () -> 0));
        assertThat(matching.firstIndex()).isEqualTo(3);
        assertThat(matching.lastIndex()).isEqualTo(4);

        MemoryStorage conflicting = LoneNode.storageWith(voters(3), 1, 1, 1, 1);
        conflicting.installSnapshot(new Snapshot(new SnapshotMeta(2, 2, voters(3)), () -> 0));
        assertThat(conflicting.lastIndex()).isEqualTo(2);

        MemoryStorage shorter = LoneNode.storageWith(voters(3), 1);
        shorter.installSnapshot(new Snapshot(new SnapshotMeta(4, 1, voters(3)), () -> 0));
        assertThat(shorter.firstIndex()).isEqualTo(5);
        assertThat(shorter.lastIndex()).isEqualTo(4);

        MemoryStorage again = LoneNode.storageWith(voters(3), 1, 1, 1, 1);
        again.createSnapshot(2, voters(3), () -> 0);
        again.installSnapshot(new Snapshot(new SnapshotMeta(2, 1, voters(3)), () -> 0));
        assertThat(again.lastIndex()).isEqualTo(4);

        MemoryStorage exact = LoneNode.storageWith(voters(3), 1, 1);
        exact.installSnapshot(new Snapshot(new SnapshotMeta(2, 1, voters(3)), () -> 0));
        assertThat(exact.lastIndex()).isEqualTo(2);
    }
}
