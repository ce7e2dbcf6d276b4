package io.kairos.storage.wal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteAheadLogResetTest {

    @TempDir
    Path dir;

    @Test
    void resetAfterAnIndexBeyondTheLogEmptiesItAndAppendsContinueAfterThatIndex() throws IOException {
        try (WriteAheadLog wal = WriteAheadLog.open(dir, WriteAheadLogTest.TINY)) {
            wal.append(Entries.range(1, 20, 1));
            wal.sync();
            wal.resetAfter(50);
            assertThat(wal.firstIndex()).isEqualTo(51);
            assertThat(wal.lastIndex()).isEqualTo(50);
            wal.append(Entries.range(51, 55, 3));
            wal.sync();
        }
        try (WriteAheadLog wal = WriteAheadLog.open(dir, WriteAheadLogTest.TINY)) {
            assertThat(wal.firstIndex()).isEqualTo(51);
            assertThat(wal.lastIndex()).isEqualTo(55);
            assertThat(wal.entries(51, 56, Long.MAX_VALUE)).isEqualTo(Entries.range(51, 55, 3));
        }
    }

    @Test
    void resetAfterAnIndexInsideTheLogDropsEveryEntryAndSurvivesReopeningEmpty() throws IOException {
        try (WriteAheadLog wal = WriteAheadLog.open(dir, WriteAheadLogTest.TINY)) {
            wal.append(Entries.range(1, 20, 1));
            wal.sync();
            wal.resetAfter(7);
        }
        try (WriteAheadLog wal = WriteAheadLog.open(dir, WriteAheadLogTest.TINY)) {
            assertThat(wal.firstIndex()).isEqualTo(8);
            assertThat(wal.lastIndex()).isEqualTo(7);
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("00000000000000000008.wal");
        }
    }
}
