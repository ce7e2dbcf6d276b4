package io.kairos.storage.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kairos.raft.LogEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteAheadLogTest {

    /** Room for two or three small records per segment, so that rolling happens often. */
    static final WalOptions TINY = new WalOptions(128);

    @TempDir
    Path dir;

    private static List<String> segmentNames(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void aNewLogIsEmptyAndStartsAtIndexOne() throws IOException {
        try (WriteAheadLog wal = WriteAheadLog.open(dir, WalOptions.defaults())) {
            assertThat(wal.firstIndex()).isEqualTo(1);
            assertThat(wal.lastIndex()).isEqualTo(0);
            assertThat(wal.entries(1, 1, Long.MAX_VALUE)).isEmpty();
        }
    }

    @Test
    void appendedEntriesAreReadBackAfterReopening() throws IOException {
        try (WriteAheadLog wal = WriteAheadLog.open(dir, WalOptions.defaults())) {
            wal.append(Entries.range(1, 10, 1));
            wal.sync();
        }
        try (WriteAheadLog wal = WriteAheadLog.open(dir, WalOptions.defaults())) {
            assertThat(wal.firstIndex()).isEqualTo(1);
            assertThat(wal.lastIndex()).isEqualTo(10);
            assertThat(wal.term(7)).isEqualTo(1);
            assertThat(wal.entries(1, 11, Long.MAX_VALUE)).isEqualTo(Entries.range(1, 10, 1));
        }
        assertThat(segmentNames(dir)).containsExactly("00000000000000000001.wal");
    }

    @Test
    void aFullSegmentRollsIntoOneNamedByItsFirstIndex() throws IOException {
        try (WriteAheadLog wal = WriteAheadLog.open(dir, TINY)) {
            wal.append(Entries.range(1, 20, 1));
            wal.sync();
            assertThat(wal.entries(1, 21, Long.MAX_VALUE)).isEqualTo(Entries.range(1, 20, 1));
        }
        List<String> names = segmentNames(dir);
        assertThat(names).hasSizeGreaterThan(3).first().isEqualTo("00000000000000000001.wal");
        for (String name : names) {
            assertThat(Files.size(dir.resolve(name))).isLessThanOrEqualTo(128);
        }
        try (WriteAheadLog wal = WriteAheadLog.open(dir, TINY)) {
            assertThat(wal.entries(1, 21, Long.MAX_VALUE)).isEqualTo(Entries.range(1, 20, 1));
        }
    }

    @Test
    void appendingInsideTheLogReplacesTheSuffixAcrossSegments() throws IOException {
        try (WriteAheadLog wal = WriteAheadLog.open(dir, TINY)) {
            wal.append(Entries.range(1, 20, 1));
            wal.append(Entries.range(5, 8, 2));

            assertThat(wal.lastIndex()).isEqualTo(8);
            assertThat(wal.term(4)).isEqualTo(1);
            assertThat(wal.term(5)).isEqualTo(2);
            wal.sync();
        }
        try (WriteAheadLog wal = WriteAheadLog.open(dir, TINY)) {
            assertThat(wal.lastIndex()).isEqualTo(8);
            List<LogEntry> expected = new java.util.ArrayList<>(Entries.range(1, 4, 1));
            expected.addAll(Entries.range(5, 8, 2));
            assertThat(wal.entries(1, 9, Long.MAX_VALUE)).isEqualTo(expected);
        }
    }

    @Test
    void appendingAtTheFirstIndexReplacesEverything() throws IOException {
        try (WriteAheadLog wal = WriteAheadLog.open(dir, TINY)) {
            wal.append(Entries.range(1, 9, 1));
            wal.append(Entries.range(1, 2, 3));
            wal.sync();
        }
        try (WriteAheadLog wal = WriteAheadLog.open(dir, TINY)) {
            assertThat(wal.entries(1, 3, Long.MAX_VALUE)).isEqualTo(Entries.range(1, 2, 3));
            assertThat(wal.lastIndex()).isEqualTo(2);
        }
    }

    @Test
    void anAppendLeavingAGapIsRejectedAndWritesNothing() throws IOException {
        try (WriteAheadLog wal = WriteAheadLog.open(dir, TINY)) {
            wal.append(Entries.range(1, 3, 1));

            assertThatThrownBy(() -> wal.append(Entries.range(5, 6, 1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("append at 5 would leave a gap after the last index 3");
            assertThatThrownBy(() -> wal.append(List.of(Entries.entry(4, 1), Entries.entry(6, 1))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("entries to append are not contiguous");
            assertThat(wal.lastIndex()).isEqualTo(3);
            wal.append(Entries.range(4, 4, 1));
            assertThat(wal.lastIndex()).isEqualTo(4);
        }
    }

    @Test
    void compactionDeletesOnlyWholeSegmentsAtOrBelowTheIndex() throws IOException {
        try (WriteAheadLog wal = WriteAheadLog.open(dir, TINY)) {
            wal.append(Entries.range(1, 20, 1));
            int before = segmentNames(dir).size();

            wal.compactThrough(10);

            assertThat(wal.firstIndex()).isBetween(2L, 11L);
            assertThat(segmentNames(dir)).hasSizeLessThan(before);
            assertThat(wal.entries(wal.firstIndex(), 21, Long.MAX_VALUE))
                    .isEqualTo(Entries.range(wal.firstIndex(), 20, 1));
            assertThatThrownBy(() -> wal.term(1)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> wal.append(Entries.range(1, 1, 2)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("would rewrite compacted entries");
            wal.sync();
        }
        try (WriteAheadLog wal = WriteAheadLog.open(dir, TINY)) {
            assertThat(wal.firstIndex()).isBetween(2L, 11L);
            assertThat(wal.lastIndex()).isEqualTo(20);
        }
    }

    @Test
    void compactionNeverDeletesTheActiveSegment() throws IOException {
        try (WriteAheadLog wal = WriteAheadLog.open(dir, TINY)) {
            wal.append(Entries.range(1, 20, 1));
            wal.compactThrough(100);

            assertThat(segmentNames(dir)).hasSize(1);
            assertThat(wal.lastIndex()).isEqualTo(20);
            wal.append(Entries.range(21, 21, 1));
            assertThat(wal.term(21)).isEqualTo(1);
        }
    }

    @Test
    void entriesStopAtMaxBytesButReturnAtLeastOne() throws IOException {
        try (WriteAheadLog wal = WriteAheadLog.open(dir, TINY)) {
            wal.append(Entries.range(1, 10, 1));
            long firstSize = Entries.entry(1, 1).sizeBytes();
            long twoSizes = firstSize + Entries.entry(2, 1).sizeBytes();

            assertThat(wal.entries(1, 11, 0)).containsExactly(Entries.entry(1, 1));
            assertThat(wal.entries(1, 11, twoSizes)).containsExactly(Entries.entry(1, 1), Entries.entry(2, 1));
            assertThatThrownBy(() -> wal.entries(1, 12, Long.MAX_VALUE))
                    .isInstanceOf(IndexOutOfBoundsException.class)
                    .hasMessage("range [1, 12) outside log [1, 10]");
        }
    }

    @Test
    void termsAreAnsweredFromMemoryAcrossSegments() throws IOException {
        try (WriteAheadLog wal = WriteAheadLog.open(dir, TINY)) {
            for (long term = 1; term <= 5; term++) {
                wal.append(Entries.range(wal.lastIndex() + 1, wal.lastIndex() + 4, term));
            }
            for (long index = 1; index <= 20; index++) {
                assertThat(wal.term(index)).isEqualTo((index + 3) / 4);
            }
        }
    }

    @Test
    void syncForcesTheActiveSegmentAndTheDirectoryOnlyWhenSegmentsChanged() throws IOException {
        FaultInjection files = new FaultInjection();
        try (WriteAheadLog wal = WriteAheadLog.open(dir, TINY, files)) {
            Path first = SegmentRecovery.pathOf(dir, 1);
            wal.append(Entries.range(1, 1, 1));
            assertThat(files.forced).as("append alone forces nothing").isEmpty();

            wal.sync();
            assertThat(files.forced).containsExactly(first, dir);

            files.forced.clear();
            wal.append(Entries.range(2, 2, 1));
            wal.sync();
            assertThat(files.forced).containsExactly(first);

            files.forced.clear();
            wal.append(Entries.range(3, 8, 1));
            assertThat(files.forced).as("rolling forces the segment it leaves").startsWith(first);
            wal.sync();
            assertThat(files.forced).as("the new segment file is made durable in its directory").endsWith(dir);
        }
    }
}
