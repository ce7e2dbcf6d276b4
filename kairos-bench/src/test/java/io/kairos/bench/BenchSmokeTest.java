package io.kairos.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs each benchmark at a small size: the figures are not checked, only that the data round-trips. */
class BenchSmokeTest {

    @TempDir
    Path dir;

    @Test
    void recoveryBenchRecoversEveryEntryOfASmallLog() throws Exception {
        Path scratch = dir.resolve("wal");
        RecoveryBench.Result result = RecoveryBench.run(scratch, 4L << 20);

        assertThat(result.entries()).isEqualTo(4096);
        assertThat(result.fileBytes()).isGreaterThan(4L << 20);
        assertThat(result.segments()).isEqualTo(1);
        assertThat(result.openSeconds()).hasSize(RecoveryBench.OPENS);
        assertThat(result.bestOpenSeconds()).isPositive();
        assertThat(result.toJson()).contains("\"entries\": 4096");
        assertThat(scratch).doesNotExist();
    }

    @Test
    void snapshotBenchRestoresEveryRecord() throws Exception {
        Path scratch = dir.resolve("snapshots");
        SnapshotBench.Result result = SnapshotBench.run(scratch, 10_000);

        assertThat(result.restoredRecords()).isEqualTo(10_000);
        assertThat(result.contentBytes()).isBetween(10_000L * 150, 10_000L * 250);
        assertThat(result.fileBytes()).isGreaterThan(result.contentBytes());
        assertThat(result.chunks()).isEqualTo((int) ((result.fileBytes() + SnapshotBench.CHUNK_BYTES - 1)
                / SnapshotBench.CHUNK_BYTES));
        assertThat(result.toJson()).contains("\"restoredRecords\": 10000");
        assertThat(scratch).doesNotExist();
    }
}
