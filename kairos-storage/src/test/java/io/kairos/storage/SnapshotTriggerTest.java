package io.kairos.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kairos.raft.LogEntry;
import org.junit.jupiter.api.Test;

class SnapshotTriggerTest {

    private static LogEntry command(long index, int bytes) {
        return new LogEntry.Command(index, 1, new byte[bytes]);
    }

    private static void apply(SnapshotTrigger trigger, long from, long to, int bytes) {
        for (long i = from; i <= to; i++) {
            trigger.onApplied(command(i, bytes));
        }
    }

    @Test
    void aSnapshotIsDueOnceTheLogSinceTheLastOneHoldsMoreThanMaxEntriesAndKeepsTheTail() {
        SnapshotTrigger trigger = new SnapshotTrigger(new SnapshotTrigger.Policy(100, Long.MAX_VALUE, 10), 0);
        apply(trigger, 1, 100, 1);
        assertThat(trigger.dueIndex()).isEqualTo(-1);

        apply(trigger, 101, 101, 1);
        assertThat(trigger.dueIndex()).isEqualTo(91);

        trigger.onSnapshot(91);
        assertThat(trigger.dueIndex()).isEqualTo(-1);
        apply(trigger, 102, 191, 1);
        assertThat(trigger.dueIndex()).isEqualTo(-1);
        apply(trigger, 192, 192, 1);
        assertThat(trigger.dueIndex()).isEqualTo(182);
    }

    @Test
    void aSnapshotIsDueOnceMoreThanMaxBytesWereAppliedSinceTheLastOne() {
        long entryBytes = command(1, 1000).sizeBytes();
        SnapshotTrigger trigger = new SnapshotTrigger(new SnapshotTrigger.Policy(1_000_000, 10 * entryBytes, 2), 50);
        apply(trigger, 51, 60, 1000);
        assertThat(trigger.dueIndex()).isEqualTo(-1);

        apply(trigger, 61, 61, 1000);
        assertThat(trigger.dueIndex()).isEqualTo(59);

        trigger.onSnapshot(59);
        assertThat(trigger.dueIndex()).isEqualTo(-1);
    }

    @Test
    void noSnapshotIsDueBelowOrAtTheLatestOneEvenWhenBytesPassTheLimit() {
        SnapshotTrigger trigger = new SnapshotTrigger(new SnapshotTrigger.Policy(1000, 100, 5), 0);
        apply(trigger, 1, 3, 500);
        assertThat(trigger.dueIndex()).isEqualTo(-1);
        apply(trigger, 4, 6, 500);
        assertThat(trigger.dueIndex()).isEqualTo(1);
    }

    @Test
    void aSnapshotInstalledFromTheLeaderMovesTheTriggerForward() {
        SnapshotTrigger trigger = new SnapshotTrigger(new SnapshotTrigger.Policy(10, Long.MAX_VALUE, 0), 0);
        apply(trigger, 1, 5, 1);
        trigger.onSnapshot(500);
        assertThat(trigger.dueIndex()).isEqualTo(-1);
        apply(trigger, 501, 511, 1);
        assertThat(trigger.dueIndex()).isEqualTo(511);
        assertThatThrownBy(() -> trigger.onApplied(command(300, 1))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("300").hasMessageContaining("511");
    }

    @Test
    void aPolicyThatWouldAlwaysBeDueIsRefused() {
        assertThatThrownBy(() -> new SnapshotTrigger.Policy(10, 100, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("retainedEntries");
        assertThatThrownBy(() -> new SnapshotTrigger.Policy(0, 100, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
