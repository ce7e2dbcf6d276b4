package io.kairos.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kairos.raft.HardState;
import io.kairos.raft.LogEntry;
import io.kairos.raft.Membership;
import io.kairos.raft.NodeId;
import io.kairos.raft.Snapshot;
import io.kairos.raft.SnapshotMeta;
import io.kairos.storage.snapshot.FileSnapshotPayload;
import io.kairos.storage.snapshot.SnapshotWriter;
import io.kairos.storage.state.DataDirectory;
import io.kairos.storage.wal.WalOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableStorageTest {

    static final NodeId NODE = NodeId.of(1);
    static final Membership MEMBERSHIP = Membership.ofVoters(NodeId.of(1), NodeId.of(2), NodeId.of(3));
    /** Small segments, so that compaction really deletes files. */
    static final WalOptions SMALL = new WalOptions(256);

    @TempDir
    Path path;

    static List<LogEntry> commands(long from, long to, long term) {
        List<LogEntry> out = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            out.add(new LogEntry.Command(i, term, ("c" + i + "@" + term).getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    DurableStorage bootstrapAndOpen() throws IOException {
        DataDirectory dir = DataDirectory.open(path, NODE, "test");
        DurableStorage.bootstrap(dir, MEMBERSHIP);
        return DurableStorage.open(dir, SMALL);
    }

    DurableStorage reopen() throws IOException {
        return DurableStorage.open(DataDirectory.open(path, NODE, "test"), SMALL);
    }

    @Test
    void aBootstrappedStorageHoldsTheInitialMembershipAtIndexZeroAndAnEmptyLog() throws IOException {
        try (DurableStorage s = bootstrapAndOpen()) {
            assertThat(s.snapshot().meta()).isEqualTo(new SnapshotMeta(0, 0, MEMBERSHIP));
            assertThat(s.snapshot().payload().sizeBytes()).isZero();
            assertThat(s.hardState()).isEqualTo(HardState.EMPTY);
            assertThat(s.firstIndex()).isEqualTo(1);
            assertThat(s.lastIndex()).isZero();
            assertThat(s.term(0)).isZero();
        }
    }

    @Test
    void appendSyncAndHardStateSurviveCloseAndReopen() throws IOException {
        HardState hs = new HardState(3, NodeId.of(2), 7);
        try (DurableStorage s = bootstrapAndOpen()) {
            s.append(commands(1, 10, 2));
            s.sync();
            s.setHardState(hs);
        }
        try (DurableStorage s = reopen()) {
            assertThat(s.hardState()).isEqualTo(hs);
            assertThat(s.firstIndex()).isEqualTo(1);
            assertThat(s.lastIndex()).isEqualTo(10);
            assertThat(s.term(10)).isEqualTo(2);
            assertThat(s.entries(1, 11, Long.MAX_VALUE)).isEqualTo(commands(1, 10, 2));
            assertThat(s.snapshot().meta().membership()).isEqualTo(MEMBERSHIP);
        }
    }

    @Test
    void aConflictingSuffixIsReplacedAndTheReplacementSurvivesReopening() throws IOException {
        try (DurableStorage s = bootstrapAndOpen()) {
            s.append(commands(1, 20, 1));
            s.sync();
            s.append(commands(8, 12, 2));
            s.sync();
            assertThat(s.lastIndex()).isEqualTo(12);
        }
        try (DurableStorage s = reopen()) {
            assertThat(s.lastIndex()).isEqualTo(12);
            assertThat(s.term(7)).isEqualTo(1);
            assertThat(s.term(8)).isEqualTo(2);
            List<LogEntry> expected = new ArrayList<>(commands(1, 7, 1));
            expected.addAll(commands(8, 12, 2));
            assertThat(s.entries(1, 13, Long.MAX_VALUE)).isEqualTo(expected);
        }
    }

    @Test
    void aSnapshotCompactsTheLogAndReopeningGivesTheSameFirstIndexTermsAndEntries() throws IOException {
        Membership later = Membership.ofVoters(NodeId.of(1), NodeId.of(2));
        try (DurableStorage s = bootstrapAndOpen()) {
            s.append(commands(1, 30, 1));
            s.append(commands(31, 40, 2));
            s.sync();
            s.createSnapshot(33, later, out -> out.write("state".getBytes(StandardCharsets.UTF_8)));
            assertThat(s.firstIndex()).isEqualTo(34);
            assertThat(s.term(33)).isEqualTo(2);
        }
        assertThat(walFiles()).noneMatch(name -> name.equals("00000000000000000001.wal"));
        try (DurableStorage s = reopen()) {
            assertThat(s.snapshot().meta()).isEqualTo(new SnapshotMeta(33, 2, later));
            assertThat(s.firstIndex()).isEqualTo(34);
            assertThat(s.lastIndex()).isEqualTo(40);
            assertThat(s.term(33)).isEqualTo(2);
            assertThat(s.entries(34, 41, Long.MAX_VALUE)).isEqualTo(commands(34, 40, 2));
            assertThatThrownBy(() -> s.term(32)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> s.entries(33, 34, Long.MAX_VALUE)).isInstanceOf(IndexOutOfBoundsException.class);
            try (InputStream in = ((FileSnapshotPayload) s.snapshot().payload()).openContent()) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("state");
            }
        }
    }

    @Test
    void aSnapshotWrittenIntoTheStoreByTheApplicationIsAdoptedAndCompactsTheLog() throws IOException {
        Membership m = Membership.ofVoters(NodeId.of(1));
        try (DurableStorage s = bootstrapAndOpen()) {
            s.append(commands(1, 30, 1));
            s.sync();
            Snapshot taken;
            try (SnapshotWriter writer = s.snapshotStore().begin(new SnapshotMeta(20, 1, m))) {
                writer.content().write("at 20".getBytes(StandardCharsets.UTF_8));
                taken = writer.commit();
            }
            s.adoptSnapshot(taken);
            assertThat(s.snapshot()).isEqualTo(taken);
            assertThat(s.firstIndex()).isEqualTo(21);

            Snapshot stale;
            try (SnapshotWriter writer = s.snapshotStore().begin(new SnapshotMeta(10, 1, m))) {
                stale = writer.commit();
            }
            s.adoptSnapshot(stale);
            assertThat(s.snapshot()).as("an older snapshot changes nothing").isEqualTo(taken);

            Snapshot wrongTerm;
            try (SnapshotWriter writer = s.snapshotStore().begin(new SnapshotMeta(25, 7, m))) {
                wrongTerm = writer.commit();
            }
            assertThatThrownBy(() -> s.adoptSnapshot(wrongTerm)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("does not match the log").hasMessageContaining("with term 1 at 25");
            s.append(commands(31, 31, 1));
            s.sync();
            assertThat(s.lastIndex()).as("still usable").isEqualTo(31);
        }
        try (DurableStorage s = reopen()) {
            assertThat(s.snapshot().index()).isGreaterThanOrEqualTo(20);
        }
    }

    @Test
    void newerSnapshotFilesTheStorageHasNotAdoptedNeverPruneTheOneItStandsOn() throws IOException {
        Membership m = Membership.ofVoters(NodeId.of(1));
        try (DurableStorage s = bootstrapAndOpen()) {
            s.append(commands(1, 30, 1));
            s.sync();
            s.createSnapshot(10, m, out -> out.write("at 10".getBytes(StandardCharsets.UTF_8)));
            FileSnapshotPayload inUse = (FileSnapshotPayload) s.snapshot().payload();
            // Two newer files arrive in the store (captures not yet adopted, or a leader's
            // snapshot the core refused): the store keeps two, but not at the expense of this one.
            for (long index : new long[] {20, 30}) {
                try (SnapshotWriter writer = s.snapshotStore().begin(new SnapshotMeta(index, 1, m))) {
                    writer.commit();
                }
            }
            assertThat(inUse.path()).exists();
            try (InputStream in = inUse.openContent()) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("at 10");
            }
        }
    }

    @Test
    void installingALeadersSnapshotBeyondTheLogDropsTheOldLog() throws IOException {
        try (DurableStorage s = bootstrapAndOpen()) {
            s.append(commands(1, 10, 1));
            s.sync();
            Snapshot leaders = receivedSnapshot(s, new SnapshotMeta(50, 4, MEMBERSHIP));
            s.installSnapshot(leaders);
            assertThat(s.firstIndex()).isEqualTo(51);
            assertThat(s.lastIndex()).isEqualTo(50);
            s.append(commands(51, 52, 4));
            s.sync();
        }
        try (DurableStorage s = reopen()) {
            assertThat(s.snapshot().index()).isEqualTo(50);
            assertThat(s.firstIndex()).isEqualTo(51);
            assertThat(s.lastIndex()).isEqualTo(52);
            assertThat(s.entries(51, 53, Long.MAX_VALUE)).isEqualTo(commands(51, 52, 4));
        }
    }

    @Test
    void installingALeadersSnapshotThatConflictsWithTheLogDropsEveryEntry() throws IOException {
        try (DurableStorage s = bootstrapAndOpen()) {
            s.append(commands(1, 10, 1));
            s.sync();
            s.installSnapshot(receivedSnapshot(s, new SnapshotMeta(5, 3, MEMBERSHIP)));
            assertThat(s.firstIndex()).isEqualTo(6);
            assertThat(s.lastIndex()).isEqualTo(5);
        }
        try (DurableStorage s = reopen()) {
            assertThat(s.lastIndex()).isEqualTo(5);
            assertThat(s.term(5)).isEqualTo(3);
        }
    }

    @Test
    void installingALeadersSnapshotThatMatchesTheLogKeepsTheSuffix() throws IOException {
        try (DurableStorage s = bootstrapAndOpen()) {
            s.append(commands(1, 10, 1));
            s.sync();
            s.installSnapshot(receivedSnapshot(s, new SnapshotMeta(5, 1, MEMBERSHIP)));
            assertThat(s.firstIndex()).isEqualTo(6);
            assertThat(s.lastIndex()).isEqualTo(10);
        }
        try (DurableStorage s = reopen()) {
            assertThat(s.entries(6, 11, Long.MAX_VALUE)).isEqualTo(commands(6, 10, 1));
        }
    }

    @Test
    void aCrashBetweenStoringALeadersSnapshotAndResettingTheLogIsRepairedOnOpen() throws IOException {
        try (DurableStorage s = bootstrapAndOpen()) {
            s.append(commands(1, 10, 1));
            s.sync();
            // The chunk receiver installed the file, then the node died before installSnapshot.
            receivedSnapshot(s, new SnapshotMeta(20, 3, MEMBERSHIP));
        }
        try (DurableStorage s = reopen()) {
            assertThat(s.snapshot().index()).isEqualTo(20);
            assertThat(s.firstIndex()).isEqualTo(21);
            assertThat(s.lastIndex()).isEqualTo(20);
            s.append(commands(21, 21, 3));
            s.sync();
        }
    }

    @Test
    void aLogThatStartsAfterAGapFollowingTheNewestReadableSnapshotIsRefusedRatherThanDropped() throws IOException {
        Path newest;
        try (DurableStorage s = bootstrapAndOpen()) {
            s.append(commands(1, 40, 1));
            s.sync();
            s.createSnapshot(10, MEMBERSHIP, out -> out.write(1));
            s.createSnapshot(33, MEMBERSHIP, out -> out.write(2));
            newest = ((FileSnapshotPayload) s.snapshot().payload()).path();
        }
        Files.delete(newest);
        try (DataDirectory dir = DataDirectory.open(path, NODE, "test")) {
            assertThatThrownBy(() -> DurableStorage.open(dir, SMALL))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("newest readable snapshot is 10@1");
        }
    }

    @Test
    void aSnapshotFromOutsideTheStoreIsRefusedWithoutPoisoningTheStorage() throws IOException {
        try (DurableStorage s = bootstrapAndOpen()) {
            assertThatThrownBy(() -> s.installSnapshot(new Snapshot(new SnapshotMeta(5, 1, MEMBERSHIP),
                    Snapshot.NO_PAYLOAD))).isInstanceOf(IllegalArgumentException.class);
            s.append(commands(1, 1, 1));
            s.sync();
            assertThat(s.lastIndex()).isEqualTo(1);
        }
    }

    @Test
    void bootstrappingTwiceIsRefused() throws IOException {
        try (DurableStorage s = bootstrapAndOpen()) {
            s.setHardState(new HardState(1, null, 0));
        }
        try (DataDirectory dir = DataDirectory.open(path, NODE, "test")) {
            assertThatThrownBy(() -> DurableStorage.bootstrap(dir, MEMBERSHIP))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("refusing to bootstrap");
        }
    }

    @Test
    void bootstrappingTwiceIsRefusedEvenBeforeAnythingElseWasWritten() throws IOException {
        try (DataDirectory dir = DataDirectory.open(path, NODE, "test")) {
            DurableStorage.bootstrap(dir, MEMBERSHIP);
            assertThatThrownBy(() -> DurableStorage.bootstrap(dir, MEMBERSHIP))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void openingADirectoryThatWasNeverBootstrappedIsRefused() throws IOException {
        try (DataDirectory dir = DataDirectory.open(path, NODE, "test")) {
            assertThatThrownBy(() -> DurableStorage.open(dir, SMALL))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("bootstrap");
        }
    }

    @Test
    void aFailedWritePoisonsLaterWritesButReadsStillShowWhatWasDurable() throws IOException {
        try (DurableStorage s = bootstrapAndOpen()) {
            s.append(commands(1, 5, 1));
            s.sync();
            s.append(commands(6, 8, 1));
            // A non-empty directory where the hard state file goes: the atomic rename fails.
            Files.createDirectories(path.resolve("hardstate").resolve("in-the-way"));
            assertThatThrownBy(() -> s.setHardState(new HardState(2, null, 0)))
                    .isInstanceOf(UncheckedIOException.class);
            assertThatThrownBy(s::sync).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("unusable after a failed write").hasMessageContaining("hardstate");
            assertThatThrownBy(() -> s.append(commands(9, 9, 1))).isInstanceOf(IllegalStateException.class);
            assertThat(s.hardState()).isEqualTo(HardState.EMPTY);
            assertThat(s.lastIndex()).isEqualTo(5);
            assertThat(s.entries(1, 6, Long.MAX_VALUE)).isEqualTo(commands(1, 5, 1));
        }
    }

    private Snapshot receivedSnapshot(DurableStorage s, SnapshotMeta meta) throws IOException {
        try (SnapshotWriter writer = s.snapshotStore().begin(meta)) {
            writer.content().write(new byte[] {1, 2, 3});
            return writer.commit();
        }
    }

    private List<String> walFiles() throws IOException {
        try (Stream<Path> files = Files.list(path.resolve("wal"))) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
