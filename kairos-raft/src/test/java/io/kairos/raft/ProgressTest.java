package io.kairos.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Flow control of one follower: probing, pipelining with an inflight window, and snapshots. */
class ProgressTest {

    private static Progress replicating(long match, int window) {
        Progress p = new Progress(match + 1, window);
        p.maybeUpdate(match);
        p.becomeReplicate();
        return p;
    }

    @Nested
    @DisplayName("PROBE: one append at a time")
    class Probe {

        @Test
        void aNewProgressProbesOptimisticallyFromTheLeadersNextIndex() {
            Progress p = new Progress(8, 4);

            assertThat(p.state()).isEqualTo(Progress.State.PROBE);
            assertThat(p.match()).isZero();
            assertThat(p.next()).isEqualTo(8);
            assertThat(p.isPaused()).isFalse();
            assertThat(p.recentActive()).isFalse();
        }

        @Test
        void aSentProbePausesUntilItsAnswerOrTheNextHeartbeat() {
            Progress p = new Progress(8, 4);
            p.sentEntries(9, 2);

            assertThat(p.isPaused()).isTrue();
            assertThat(p.next()).isEqualTo(8);
            p.onHeartbeat();
            assertThat(p.isPaused()).isFalse();

            p.sentEntries(9, 2);
            assertThat(p.maybeUpdate(9)).isTrue();
            assertThat(p.isPaused()).isFalse();
            assertThat(p.match()).isEqualTo(9);
            assertThat(p.next()).isEqualTo(10);
        }

        @Test
        void anOldSuccessChangesNothing() {
            Progress p = new Progress(8, 4);
            p.maybeUpdate(7);
            p.sentEntries(8, 1);

            assertThat(p.maybeUpdate(5)).isFalse();
            assertThat(p.match()).isEqualTo(7);
            assertThat(p.next()).isEqualTo(8);
            assertThat(p.isPaused()).isTrue();
        }

        @Test
        void aRejectionMovesNextToTheHintButNeverBelowMatch() {
            Progress p = new Progress(10, 4);
            assertThat(p.maybeDecrease(9, 4)).isTrue();
            assertThat(p.next()).isEqualTo(5);

            Progress q = new Progress(10, 4);
            q.maybeUpdate(6);
            q.becomeProbe();
            q.maybeDecrease(6, 2);
            assertThat(q.next()).isEqualTo(7);
        }

        @Test
        void aRejectionNeverMovesNextAboveTheRejectedIndex() {
            Progress p = new Progress(10, 4);
            p.sentEntries(9, 0);

            assertThat(p.maybeDecrease(9, 20)).isTrue();
            assertThat(p.next()).isEqualTo(9);
            assertThat(p.isPaused()).isFalse();
        }

        @Test
        void aRejectionOfAnOlderProbeIsIgnored() {
            Progress p = new Progress(10, 4);

            assertThat(p.maybeDecrease(7, 2)).isFalse();
            assertThat(p.next()).isEqualTo(10);
        }
    }

    @Nested
    @DisplayName("REPLICATE: a pipeline with an inflight window")
    class Replicate {

        @Test
        void enteringReplicateSendsFromJustAfterTheMatch() {
            Progress p = replicating(5, 2);

            assertThat(p.state()).isEqualTo(Progress.State.REPLICATE);
            assertThat(p.next()).isEqualTo(6);
        }

        @Test
        void eachAppendAdvancesNextAndFillsTheWindowUntilItPauses() {
            Progress p = replicating(5, 2);

            p.sentEntries(7, 2);
            assertThat(p.next()).isEqualTo(8);
            assertThat(p.isPaused()).isFalse();
            p.sentEntries(7, 0);
            assertThat(p.isPaused()).isFalse();
            p.sentEntries(9, 2);
            assertThat(p.isPaused()).isTrue();

            p.maybeUpdate(7);
            p.freeInflightsUpTo(7);
            assertThat(p.isPaused()).isFalse();
            assertThat(p.next()).isEqualTo(10);
        }

        @Test
        void aHeartbeatAnswerFreesOneSlotOfAFullWindow() {
            Progress p = replicating(5, 2);
            p.sentEntries(6, 1);
            p.sentEntries(7, 1);

            p.onHeartbeat();
            assertThat(p.isPaused()).isFalse();
            p.sentEntries(8, 1);
            assertThat(p.isPaused()).isTrue();
        }

        @Test
        void aRejectionAboveTheMatchRestartsFromTheMatch() {
            Progress p = replicating(5, 4);
            p.sentEntries(9, 4);

            assertThat(p.maybeDecrease(5, 0)).isFalse();
            assertThat(p.next()).isEqualTo(10);
            assertThat(p.maybeDecrease(7, 0)).isTrue();
            assertThat(p.next()).isEqualTo(6);
        }

        @Test
        void becomingProbeEmptiesTheWindow() {
            Progress p = replicating(5, 1);
            p.sentEntries(6, 1);
            assertThat(p.isPaused()).isTrue();

            p.becomeProbe();

            assertThat(p.isPaused()).isFalse();
            assertThat(p.next()).isEqualTo(6);
            p.becomeReplicate();
            assertThat(p.isPaused()).isFalse();
        }
    }

    @Nested
    @DisplayName("SNAPSHOT: waiting for an installed snapshot")
    class SnapshotState {

        @Test
        void aFollowerBeingSentASnapshotIsPausedUntilItTimesOut() {
            Progress p = new Progress(3, 4);
            p.becomeSnapshot(20);

            assertThat(p.state()).isEqualTo(Progress.State.SNAPSHOT);
            assertThat(p.pendingSnapshot()).isEqualTo(20);
            assertThat(p.isPaused()).isTrue();
            assertThat(p.snapshotTimedOut(3)).isFalse();
            assertThat(p.snapshotTimedOut(3)).isFalse();
            assertThat(p.snapshotTimedOut(3)).isTrue();
            assertThat(p.toString()).contains("SNAPSHOT").contains("snapshot=20");
        }

        @Test
        void afterASnapshotTheProbeStartsJustPastIt() {
            Progress p = new Progress(3, 4);
            p.becomeSnapshot(20);

            p.becomeProbe();

            assertThat(p.state()).isEqualTo(Progress.State.PROBE);
            assertThat(p.next()).isEqualTo(21);
            assertThat(p.pendingSnapshot()).isZero();
            assertThat(p.snapshotTimedOut(1)).isFalse();
        }

        @Test
        void afterASnapshotOlderThanTheMatchTheProbeStartsPastTheMatch() {
            Progress p = new Progress(3, 4);
            p.maybeUpdate(25);
            p.becomeSnapshot(20);
            p.becomeProbe();

            assertThat(p.next()).isEqualTo(26);
        }

        @Test
        void sendingWhileInSnapshotStateMovesNothing() {
            Progress p = new Progress(3, 4);
            p.becomeSnapshot(20);
            p.sentEntries(30, 5);

            assertThat(p.next()).isEqualTo(3);
        }
    }

    @Test
    void heartbeatAcknowledgementsOnlyGrow() {
        Progress p = new Progress(1, 1);
        p.ackSequence(5);
        p.ackSequence(3);

        assertThat(p.ackedSequence()).isEqualTo(5);
        p.setRecentActive(true);
        assertThat(p.recentActive()).isTrue();
        assertThat(p.toString()).isEqualTo("PROBE match=0 next=1 inflight=0");
    }

    @Nested
    @DisplayName("Inflights: a bounded ring of appends in flight")
    class InflightWindow {

        @Test
        void theWindowFillsFreesInOrderAndWrapsAround() {
            Inflights w = new Inflights(3);
            w.add(2);
            w.add(4);
            w.add(6);
            assertThat(w.isFull()).isTrue();
            assertThatThrownBy(() -> w.add(8)).isInstanceOf(IllegalStateException.class).hasMessageContaining("3");

            w.freeUpTo(4);
            assertThat(w.count()).isEqualTo(1);
            w.add(8);
            w.add(10);
            assertThat(w.isFull()).isTrue();
            w.freeUpTo(7);
            assertThat(w.count()).isEqualTo(2);
            w.freeUpTo(9);
            assertThat(w.count()).isEqualTo(1);
            w.freeFirstOne();
            assertThat(w.count()).isZero();
            w.freeFirstOne();
            assertThat(w.count()).isZero();
        }

        @Test
        void freeingOneAtATimeKeepsTheOrder() {
            Inflights w = new Inflights(2);
            w.add(1);
            w.add(2);
            w.freeFirstOne();
            w.add(3);
            w.freeUpTo(2);
            assertThat(w.count()).isEqualTo(1);
            w.clear();
            assertThat(w.count()).isZero();
            assertThat(w.isFull()).isFalse();
        }
    }
}
