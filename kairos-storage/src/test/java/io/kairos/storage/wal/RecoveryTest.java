package io.kairos.storage.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.kairos.raft.LogEntry;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

class RecoveryTest {

    @TempDir
    Path dir;

    private final FaultInjection faults = new FaultInjection();
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger recoveryLogger = (Logger) LoggerFactory.getLogger(SegmentRecovery.class);

    @BeforeEach
    void captureWarnings() {
        logged.start();
        recoveryLogger.addAppender(logged);
    }

    @AfterEach
    void releaseWarnings() {
        recoveryLogger.detachAppender(logged);
    }

    private Path segment(long firstIndex) {
        return SegmentRecovery.pathOf(dir, firstIndex);
    }

    private List<String> warnings() {
        return logged.list.stream()
                .filter(e -> e.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage)
                .collect(Collectors.toList());
    }

    private WriteAheadLog reopen(WalOptions options) throws IOException {
        return WriteAheadLog.open(dir, options);
    }

    @ParameterizedTest(name = "torn after {0} bytes")
    @ValueSource(ints = {0, 3, 8, 20, 30})
    void aTornLastWriteIsCutOnReopenWithAWarningAndEarlierEntriesSurvive(int bytesWritten) throws IOException {
        long tornAt;
        try (WriteAheadLog wal = WriteAheadLog.open(dir, WalOptions.defaults(), faults)) {
            wal.append(Entries.range(1, 5, 1));
            wal.sync();
            tornAt = Files.size(segment(1));
            faults.tearNextWriteAfter(bytesWritten);
            LogEntry sixth = new LogEntry.Command(6, 1, new byte[40]);
            assertThatThrownBy(() -> wal.append(List.of(sixth))).isInstanceOf(IOException.class);
        }

        try (WriteAheadLog wal = reopen(WalOptions.defaults())) {
            assertThat(wal.lastIndex()).isEqualTo(5);
            assertThat(wal.entries(1, 6, Long.MAX_VALUE)).isEqualTo(Entries.range(1, 5, 1));
            wal.append(Entries.range(6, 7, 2));
            wal.sync();
        }
        assertThat(Files.size(segment(1))).isGreaterThan(tornAt);
        if (bytesWritten > 0) {
            assertThat(warnings()).singleElement().asString()
                    .contains(segment(1).toString())
                    .contains("torn tail at offset " + tornAt);
        }
        try (WriteAheadLog wal = reopen(WalOptions.defaults())) {
            assertThat(wal.lastIndex()).isEqualTo(7);
        }
    }

    @Test
    void aBitFlippedInTheLastRecordIsATornTail() throws IOException {
        long lastRecordAt;
        try (WriteAheadLog wal = WriteAheadLog.open(dir, WalOptions.defaults(), faults)) {
            wal.append(Entries.range(1, 4, 1));
            lastRecordAt = Files.size(segment(1));
            faults.flipBitWhenWriting(segment(1), lastRecordAt + 12);
            wal.append(Entries.range(5, 5, 1));
            wal.sync();
        }

        try (WriteAheadLog wal = reopen(WalOptions.defaults())) {
            assertThat(wal.lastIndex()).isEqualTo(4);
        }
        assertThat(warnings()).singleElement().asString()
                .contains("torn tail at offset " + lastRecordAt)
                .contains("checksum mismatch");
    }

    @Test
    void aBitFlippedBeforeTheTailIsCorruptionNamingTheFileAndOffset() throws IOException {
        try (WriteAheadLog wal = WriteAheadLog.open(dir, WalOptions.defaults(), faults)) {
            faults.flipBitWhenWriting(segment(1), SegmentHeader.BYTES + 12);
            wal.append(Entries.range(1, 5, 1));
            wal.sync();
        }

        assertThatThrownBy(() -> reopen(WalOptions.defaults()))
                .isInstanceOfSatisfying(CorruptLogException.class, e -> {
                    assertThat(e.file()).isEqualTo(segment(1));
                    assertThat(e.offset()).isEqualTo(SegmentHeader.BYTES);
                })
                .hasMessageContaining(segment(1) + " at offset " + SegmentHeader.BYTES)
                .hasMessageContaining("checksum mismatch")
                .hasMessageContaining("wipe this node's data directory and re-add it to the cluster");
        assertThat(Files.size(segment(1))).as("nothing is cut from a corrupt log").isGreaterThan(100);
    }

    @Test
    void aDamagedLengthThatRunsPastTheEndIsCorruptionWhenValidRecordsFollow() throws IOException {
        try (WriteAheadLog wal = WriteAheadLog.open(dir, WalOptions.defaults(), faults)) {
            // Bit 20 of the first record's length: it now claims about a mebibyte more than the file holds.
            faults.flipBitWhenWriting(segment(1), SegmentHeader.BYTES + 1);
            wal.append(Entries.range(1, 5, 1));
            wal.sync();
        }

        assertThatThrownBy(() -> reopen(WalOptions.defaults()))
                .isInstanceOfSatisfying(CorruptLogException.class,
                        e -> assertThat(e.offset()).isEqualTo(SegmentHeader.BYTES))
                .hasMessageContaining("runs past the end of the file, yet a valid record follows at offset");
        assertThat(warnings()).isEmpty();
    }

    @Test
    void aDamagedHeaderOfAnEarlierSegmentIsCorruption() throws IOException {
        try (WriteAheadLog wal = WriteAheadLog.open(dir, WriteAheadLogTest.TINY, faults)) {
            faults.flipBitWhenWriting(segment(1), 6);
            wal.append(Entries.range(1, 10, 1));
            wal.sync();
        }

        assertThatThrownBy(() -> reopen(WriteAheadLogTest.TINY))
                .isInstanceOf(CorruptLogException.class)
                .hasMessageStartingWith(segment(1) + " at offset 0: bad segment header");
    }

    @Test
    void aTornRecordInASegmentThatIsNotTheLastIsCorruption() throws IOException {
        try (WriteAheadLog wal = reopen(WriteAheadLogTest.TINY)) {
            wal.append(Entries.range(1, 10, 1));
            wal.sync();
        }
        long size = Files.size(segment(1));
        try (FileChannel file = FileChannel.open(segment(1), StandardOpenOption.WRITE)) {
            file.truncate(size - 3);
        }

        assertThatThrownBy(() -> reopen(WriteAheadLogTest.TINY))
                .isInstanceOf(CorruptLogException.class)
                .hasMessageContaining(segment(1).toString())
                .hasMessageContaining("in a segment that is not the last");
    }

    @Test
    void aMissingSegmentInTheMiddleIsCorruption() throws IOException {
        List<Path> files;
        try (WriteAheadLog wal = reopen(WriteAheadLogTest.TINY)) {
            wal.append(Entries.range(1, 20, 1));
            wal.sync();
        }
        try (var listing = Files.list(dir)) {
            files = listing.sorted().collect(Collectors.toList());
        }
        Files.delete(files.get(1));

        assertThatThrownBy(() -> reopen(WriteAheadLogTest.TINY))
                .isInstanceOf(CorruptLogException.class)
                .hasMessageContaining(files.get(2) + " at offset 0: segment starts at index");
    }

    @Test
    void aSegmentTornBeforeItsHeaderWasWrittenIsDeleted() throws IOException {
        try (WriteAheadLog wal = reopen(WalOptions.defaults())) {
            wal.append(Entries.range(1, 3, 1));
            wal.sync();
        }
        Files.write(segment(4), new byte[] {0x4B, 0x57});

        try (WriteAheadLog wal = reopen(WalOptions.defaults())) {
            assertThat(wal.lastIndex()).isEqualTo(3);
            wal.append(Entries.range(4, 4, 1));
        }
        assertThat(warnings()).singleElement().asString().contains(segment(4) + " has a torn header");
    }

    @Test
    void aTailOfZerosIsCutAsTorn() throws IOException {
        try (WriteAheadLog wal = reopen(WalOptions.defaults())) {
            wal.append(Entries.range(1, 3, 1));
            wal.sync();
        }
        long size = Files.size(segment(1));
        try (RandomAccessFile file = new RandomAccessFile(segment(1).toFile(), "rw")) {
            file.setLength(size + 4096);
        }

        try (WriteAheadLog wal = reopen(WalOptions.defaults())) {
            assertThat(wal.lastIndex()).isEqualTo(3);
        }
        assertThat(Files.size(segment(1))).isEqualTo(size);
        assertThat(warnings()).singleElement().asString().contains("zeros instead of a record");
    }

    @Test
    void aFailedFsyncPropagatesAndTheLogRefusesEverythingAfterwards() throws IOException {
        try (WriteAheadLog wal = WriteAheadLog.open(dir, WalOptions.defaults(), faults)) {
            wal.append(Entries.range(1, 3, 1));
            faults.failForce();

            assertThatThrownBy(wal::sync).isInstanceOf(IOException.class).hasMessageContaining("simulated fsync failure");
            assertThatThrownBy(() -> wal.append(Entries.range(4, 4, 1)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("must never be retried");
            assertThatThrownBy(wal::sync)
                    .as("a failed fsync is never retried")
                    .isInstanceOf(IllegalStateException.class)
                    .hasRootCauseMessage("simulated fsync failure on " + segment(1));
            assertThatThrownBy(() -> wal.compactThrough(1)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void aFailedWriteAlsoMakesTheLogUnusable() throws IOException {
        try (WriteAheadLog wal = WriteAheadLog.open(dir, WalOptions.defaults(), faults)) {
            faults.tearNextWriteAfter(0);
            assertThatThrownBy(() -> wal.append(Entries.range(1, 1, 1))).isInstanceOf(IOException.class);

            assertThatThrownBy(() -> wal.append(Entries.range(1, 1, 1))).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void aRecordDamagedAfterOpeningIsReportedWhenRead() throws IOException {
        try (WriteAheadLog wal = reopen(WalOptions.defaults())) {
            wal.append(Entries.range(1, 3, 1));
            wal.sync();
            try (FileChannel file = FileChannel.open(segment(1), StandardOpenOption.WRITE)) {
                file.write(ByteBuffer.wrap(new byte[] {(byte) 0xFF}), SegmentHeader.BYTES + 30);
            }

            assertThatThrownBy(() -> wal.entries(1, 4, Long.MAX_VALUE))
                    .isInstanceOfSatisfying(CorruptLogException.class,
                            e -> assertThat(e.offset()).isEqualTo(SegmentHeader.BYTES));
            assertThat(wal.entries(2, 4, Long.MAX_VALUE)).isEqualTo(Entries.range(2, 3, 1));
        }
    }
}
