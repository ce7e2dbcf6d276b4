package io.kairos.raft;

import static io.kairos.raft.LoneNode.entries;
import static io.kairos.raft.LoneNode.voters;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The log's own rules, below the node: Log Matching, commit bounds and the Ready hand-off. */
class RaftLogTest {

    private static RaftLog logOf(long commit, long... terms) {
        MemoryStorage s = LoneNode.storageWith(voters(3), terms);
        s.setHardState(new HardState(terms.length == 0 ? 0 : terms[terms.length - 1], null, commit));
        return new RaftLog(s);
    }

    private static List<Long> indexes(List<LogEntry> entries) {
        return entries.stream().map(LogEntry::index).toList();
    }

    @Nested
    @DisplayName("§5.3 Log matching")
    class LogMatching {

        @Test
        void aLogStartsFromWhatItsStorageHolds() {
            RaftLog log = logOf(2, 1, 1, 2);

            assertThat(log.lastIndex()).isEqualTo(3);
            assertThat(log.lastTerm()).isEqualTo(2);
            assertThat(log.firstIndex()).isEqualTo(1);
            assertThat(log.committed()).isEqualTo(2);
            assertThat(log.applied()).isZero();
            assertThat(log.stableIndex()).isEqualTo(3);
            assertThat(log.hasEntriesToPersist()).isFalse();
        }

        @Test
        void aStoredCommitIndexBeyondTheStoredLogIsCorruption() {
            assertThatThrownBy(() -> logOf(4, 1, 1)).isInstanceOf(IllegalStateException.class).hasMessageContaining("4");
        }

        @Test
        void termsAreKnownFromTheSnapshotIndexToTheLastIndex() {
            MemoryStorage s = LoneNode.storageWith(voters(3), 1, 1, 2, 2);
            s.createSnapshot(2, voters(3), () -> 0);
            RaftLog log = new RaftLog(s);

            assertThat(log.term(1)).isEqualTo(-1);
            assertThat(log.term(2)).isEqualTo(1);
            assertThat(log.term(4)).isEqualTo(2);
            assertThat(log.term(5)).isEqualTo(-1);
            assertThat(log.committed()).isEqualTo(2);
            assertThat(log.applied()).isEqualTo(2);
            assertThatThrownBy(() -> log.termOrThrow(1)).isInstanceOf(IllegalStateException.class);
        }

        @Test
        void anAppendThatDoesNotMatchThePreviousEntryIsRefused() {
            RaftLog log = logOf(0, 1, 1, 2);

            assertThat(log.maybeAppend(3, 1, 3, entries(4, 2))).isEqualTo(-1);
            assertThat(log.maybeAppend(4, 2, 3, entries(5, 2))).isEqualTo(-1);
            assertThat(log.lastIndex()).isEqualTo(3);
            assertThat(log.committed()).isZero();
        }

        @Test
        void aMatchingAppendReturnsTheLastIndexItProvesAndCommitsNoFurther() {
            RaftLog log = logOf(0, 1, 1, 2);

            assertThat(log.maybeAppend(3, 2, 9, entries(4, 3, 3))).isEqualTo(5);
            assertThat(log.committed()).isEqualTo(5);
            assertThat(log.maybeAppend(1, 1, 9, List.of())).isEqualTo(1);
            assertThat(log.lastIndex()).isEqualTo(5);
        }

        @Test
        void aConflictingEntryReplacesTheRestOfTheLog() {
            RaftLog log = logOf(1, 1, 1, 2, 2);

            assertThat(log.maybeAppend(1, 1, 1, entries(2, 1, 3))).isEqualTo(3);

            assertThat(log.lastIndex()).isEqualTo(3);
            assertThat(log.term(3)).isEqualTo(3);
            assertThat(log.stableIndex()).isEqualTo(2);
            assertThat(indexes(log.takeEntriesToPersist())).containsExactly(3L);
        }

        @Test
        void aConflictWithACommittedEntryBreaksLogMatching() {
            RaftLog log = logOf(2, 1, 1, 2);

            assertThatThrownBy(() -> log.maybeAppend(1, 1, 2, entries(2, 3))).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("2");
        }

        @Test
        void appendsMayNeitherLeaveAGapNorRewriteCommittedEntries() {
            RaftLog log = logOf(1, 1, 1);

            assertThatThrownBy(() -> log.append(entries(4, 1))).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> log.append(entries(1, 2))).isInstanceOf(IllegalStateException.class);
            log.append(List.of());
            assertThat(log.lastIndex()).isEqualTo(2);
        }

        @Test
        void anAppendInsideTheUnstableTailTruncatesIt() {
            RaftLog log = logOf(0, 1);
            log.append(entries(2, 1, 1, 1));

            log.append(entries(3, 2));

            assertThat(log.lastIndex()).isEqualTo(3);
            assertThat(log.term(3)).isEqualTo(2);
            assertThat(log.term(4)).isEqualTo(-1);
        }

        @Test
        void anAppendThatConflictsInsideTheStablePartDropsTheWholeUnstableTail() {
            RaftLog log = logOf(0, 1, 1, 1);
            log.append(entries(4, 1, 1));

            log.append(entries(3, 2));

            assertThat(log.lastIndex()).isEqualTo(3);
            assertThat(log.term(3)).isEqualTo(2);
            assertThat(log.term(4)).isEqualTo(-1);
            assertThat(indexes(log.takeEntriesToPersist())).containsExactly(3L);
        }

        @Test
        void theHintIsTheLastEntryAtOrBeforeTheProbeWhoseTermIsNoHigher() {
            RaftLog log = logOf(0, 1, 1, 4, 4, 4, 6);

            assertThat(log.hintIndexFor(6, 5)).isEqualTo(5);
            assertThat(log.hintIndexFor(9, 6)).isEqualTo(6);
            assertThat(log.hintIndexFor(5, 3)).isEqualTo(2);
            assertThat(log.hintIndexFor(4, 0)).isZero();
            assertThat(log.hintIndexFor(3, 4)).isEqualTo(3);
        }

        @Test
        void withNoEntryOfALowEnoughTermTheHintIsTheSnapshot() {
            MemoryStorage s = LoneNode.storageWith(voters(3), 3, 3, 3, 3);
            s.createSnapshot(2, voters(3), () -> 0);
            RaftLog log = new RaftLog(s);

            assertThat(log.hintIndexFor(4, 2)).isEqualTo(2);
            assertThat(log.hintIndexFor(4, 3)).isEqualTo(4);
        }

        @Test
        void upToDateMeansAHigherLastTermOrTheSameTermAndAtLeastAsLong() {
            RaftLog log = logOf(0, 1, 2, 2);

            assertThat(log.isUpToDate(3, 2)).isTrue();
            assertThat(log.isUpToDate(4, 2)).isTrue();
            assertThat(log.isUpToDate(2, 2)).isFalse();
            assertThat(log.isUpToDate(1, 3)).isTrue();
            assertThat(log.isUpToDate(9, 1)).isFalse();
        }
    }

    @Nested
    @DisplayName("§5.4.2 Commit index")
    class CommitIndex {

        @Test
        void theCommitIndexNeverMovesBackwardsNorBeyondTheLog() {
            RaftLog log = logOf(2, 1, 1, 1);

            log.commitTo(1);
            assertThat(log.committed()).isEqualTo(2);
            assertThatThrownBy(() -> log.commitTo(4)).isInstanceOf(IllegalStateException.class);
            log.commitTo(3);
            assertThat(log.committed()).isEqualTo(3);
        }

        @Test
        void aLeaderCommitsByCountingOnlyEntriesOfItsTerm() {
            RaftLog log = logOf(0, 1, 2, 3);

            assertThat(log.maybeCommit(2, 3)).isFalse();
            assertThat(log.committed()).isZero();
            assertThat(log.maybeCommit(3, 3)).isTrue();
            assertThat(log.committed()).isEqualTo(3);
            assertThat(log.maybeCommit(3, 3)).isFalse();
            assertThat(log.maybeCommit(2, 2)).isFalse();
        }

        @Test
        void appliedCannotPassCommitted() {
            RaftLog log = logOf(1, 1, 1);

            assertThatThrownBy(() -> log.appliedTo(2)).isInstanceOf(IllegalStateException.class);
            log.appliedTo(1);
            assertThat(log.applied()).isEqualTo(1);
            log.appliedTo(0);
            assertThat(log.applied()).isEqualTo(1);
        }
    }

    @Nested
    @DisplayName("Batching: slices of the log")
    class Slices {

        @Test
        void aSliceBelowTheFirstIndexIsGone() {
            MemoryStorage s = LoneNode.storageWith(voters(3), 1, 1, 1);
            s.createSnapshot(2, voters(3), () -> 0);

            assertThat(new RaftLog(s).slice(2, 4, 10, 1000)).isNull();
            assertThat(indexes(new RaftLog(s).slice(3, 4, 10, 1000))).containsExactly(3L);
        }

        @Test
        void aSliceStopsAtTheLastIndexAndAtMaxEntries() {
            RaftLog log = logOf(0, 1, 1, 1);
            log.append(entries(4, 1, 1));

            assertThat(indexes(log.slice(2, 99, 10, Long.MAX_VALUE))).containsExactly(2L, 3L, 4L, 5L);
            assertThat(indexes(log.slice(2, 99, 3, Long.MAX_VALUE))).containsExactly(2L, 3L, 4L);
            assertThat(indexes(log.slice(4, 5, 10, Long.MAX_VALUE))).containsExactly(4L);
            assertThat(log.slice(6, 9, 10, Long.MAX_VALUE)).isEmpty();
        }

        @Test
        void aSliceStopsAtMaxBytesAcrossTheStoredAndUnstableParts() {
            RaftLog log = logOf(0, 1, 1);
            log.append(entries(3, 1, 1));
            long size = entries(1, 1).get(0).sizeBytes();

            assertThat(indexes(log.slice(1, 5, 10, 3 * size))).containsExactly(1L, 2L, 3L);
            assertThat(indexes(log.slice(1, 5, 10, size))).containsExactly(1L);
            assertThat(indexes(log.slice(3, 5, 10, size))).containsExactly(3L);
            assertThat(indexes(log.slice(1, 5, 10, 1))).containsExactly(1L);
            assertThat(indexes(log.slice(3, 5, 10, 1))).containsExactly(3L);
            assertThat(indexes(log.slice(2, 5, 10, 2 * size))).containsExactly(2L, 3L);
        }
    }

    @Nested
    @DisplayName("The Ready hand-off")
    class HandOff {

        @Test
        void unstableEntriesAreHandedOutOnceAndBecomeStableWhenPersisted() {
            RaftLog log = logOf(0, 1);
            log.append(entries(2, 1, 1));

            assertThat(log.hasEntriesToPersist()).isTrue();
            assertThat(indexes(log.takeEntriesToPersist())).containsExactly(2L, 3L);
            assertThat(log.hasEntriesToPersist()).isFalse();
            assertThat(log.stableIndex()).isEqualTo(1);

            log.entriesPersisted(3, 1);
            assertThat(log.stableIndex()).isEqualTo(3);
            assertThat(log.hasEntriesToPersist()).isFalse();
        }

        @Test
        void persistingEntriesThatWereOverwrittenMeanwhileChangesNothing() {
            RaftLog log = logOf(0, 1);
            log.append(entries(2, 1, 1));
            log.takeEntriesToPersist();
            log.append(entries(2, 2));

            log.entriesPersisted(3, 1);
            assertThat(log.stableIndex()).isEqualTo(1);
            log.entriesPersisted(2, 1);
            assertThat(log.stableIndex()).isEqualTo(1);
            assertThat(indexes(log.takeEntriesToPersist())).containsExactly(2L);
            log.entriesPersisted(1, 1);
            assertThat(log.stableIndex()).isEqualTo(1);
        }

        @Test
        void committedEntriesAreHandedOutForApplyingOnce() {
            RaftLog log = logOf(2, 1, 1, 1);

            assertThat(log.hasEntriesToApply()).isTrue();
            assertThat(indexes(log.takeEntriesToApply(Long.MAX_VALUE))).containsExactly(1L, 2L);
            assertThat(log.hasEntriesToApply()).isFalse();
            assertThat(log.takeEntriesToApply(Long.MAX_VALUE)).isEmpty();
            log.commitTo(3);
            assertThat(indexes(log.takeEntriesToApply(Long.MAX_VALUE))).containsExactly(3L);
        }

        @Test
        void aRestoredSnapshotIsPersistedBeforeAnythingIsApplied() {
            RaftLog log = logOf(0, 1);
            Snapshot snap = new Snapshot(new SnapshotMeta(5, 2, voters(3)), () -> 0);

            log.restore(snap);

            assertThat(log.hasUnsentSnapshot()).isTrue();
            assertThat(log.committed()).isEqualTo(5);
            assertThat(log.lastIndex()).isEqualTo(5);
            assertThat(log.firstIndex()).isEqualTo(6);
            assertThat(log.term(5)).isEqualTo(2);
            assertThat(log.term(4)).isEqualTo(-1);
            assertThat(log.snapshot()).isSameAs(snap);
            log.append(entries(6, 2));
            log.commitTo(6);
            assertThat(log.hasEntriesToApply()).isFalse();

            assertThat(log.takeSnapshotToPersist()).isSameAs(snap);
            assertThat(log.hasUnsentSnapshot()).isFalse();
            assertThat(log.hasEntriesToApply()).isTrue();
            assertThat(indexes(log.takeEntriesToApply(Long.MAX_VALUE))).containsExactly(6L);
            log.snapshotPersisted(snap);
            assertThat(log.applied()).isEqualTo(5);
            assertThat(log.hasUnsentSnapshot()).isFalse();
        }

        @Test
        void restoringASnapshotTheLogAlreadyHoldsKeepsTheEntriesAfterIt() {
            RaftLog log = logOf(0, 1, 1, 1, 1);

            log.restore(new Snapshot(new SnapshotMeta(2, 1, voters(3)), () -> 0));

            assertThat(log.lastIndex()).isEqualTo(4);
            assertThat(log.term(4)).isEqualTo(1);
            assertThat(log.committed()).isEqualTo(2);
        }

        @Test
        void restoringAConflictingSnapshotDropsTheWholeLog() {
            RaftLog log = logOf(0, 1, 1, 1, 1);

            log.restore(new Snapshot(new SnapshotMeta(2, 2, voters(3)), () -> 0));

            assertThat(log.lastIndex()).isEqualTo(2);
        }

        @Test
        void restoringASnapshotDropsUnstableEntriesToo() {
            RaftLog log = logOf(0, 1);
            log.append(entries(2, 1, 1));

            log.restore(new Snapshot(new SnapshotMeta(5, 2, voters(3)), () -> 0));

            assertThat(log.lastIndex()).isEqualTo(5);
            assertThat(log.term(6)).isEqualTo(-1);
            assertThat(log.hasEntriesToPersist()).isFalse();
            log.append(entries(6, 2));
            assertThat(log.lastIndex()).isEqualTo(6);
        }
    }
}
