package io.kairos.storage.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kairos.raft.Membership;
import io.kairos.raft.NodeId;
import io.kairos.raft.Snapshot;
import io.kairos.raft.SnapshotMeta;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotStoreTest {

    static final Membership JOINT = new Membership(Set.of(NodeId.of(1), NodeId.of(2), NodeId.of(4)),
            Set.of(NodeId.of(1), NodeId.of(2), NodeId.of(3)), Set.of(NodeId.of(5)));

    @TempDir
    Path dir;

    @Test
    void anEmptyStoreHasNoLatestSnapshot() throws Exception {
        assertThat(SnapshotStore.open(dir).latest()).isEmpty();
    }

    @Test
    void aMultiMegabyteSnapshotRoundTripsWithItsMetaAndMembership() throws Exception {
        SnapshotStore store = SnapshotStore.open(dir);
        SnapshotMeta meta = new SnapshotMeta(1_000, 7, JOINT);
        int size = 5 * 1024 * 1024 + 123;
        Snapshot committed;
        try (SnapshotWriter writer = store.begin(meta)) {
            writeSeeded(writer.content(), 42, size);
            committed = writer.commit();
        }
        assertThat(committed.meta()).isEqualTo(meta);

        Snapshot latest = SnapshotStore.open(dir).latest().orElseThrow();
        assertThat(latest.meta()).isEqualTo(meta);
        FileSnapshotPayload payload = (FileSnapshotPayload) latest.payload();
        assertThat(payload.sizeBytes()).isEqualTo(size);
        assertThat(payload.path().getFileName().toString())
                .isEqualTo("snapshot-00000000000000001000-00000000000000000007.snap");
        try (InputStream in = payload.openContent()) {
            assertSeeded(in, 42, size);
        }
    }

    @Test
    void aSingleFlippedContentByteIsDetectedWhenTheContentIsRead() throws Exception {
        SnapshotStore store = SnapshotStore.open(dir);
        Path path = commit(store, new SnapshotMeta(10, 2, Membership.ofVoters(NodeId.of(1))), 100_000).path();
        flipByteAt(path, Files.size(path) / 2);

        FileSnapshotPayload payload = (FileSnapshotPayload) store.latest().orElseThrow().payload();
        assertThatThrownBy(() -> readAll(payload))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("snapshot file " + path + " is corrupt")
                .hasMessageContaining("CRC32C");
    }

    @Test
    void aDamagedHeaderMakesLatestFallBackToTheOlderSnapshot() throws Exception {
        SnapshotStore store = SnapshotStore.open(dir);
        commit(store, new SnapshotMeta(10, 2, Membership.ofVoters(NodeId.of(1))), 1_000);
        Path newer = commit(store, new SnapshotMeta(20, 2, Membership.ofVoters(NodeId.of(1))), 1_000).path();
        flipByteAt(newer, 14);

        assertThat(store.latest().orElseThrow().index()).isEqualTo(10);
    }

    @Test
    void aTruncatedSnapshotFileIsNotOffered() throws Exception {
        SnapshotStore store = SnapshotStore.open(dir);
        Path path = commit(store, new SnapshotMeta(10, 2, Membership.ofVoters(NodeId.of(1))), 1_000).path();
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
            file.setLength(file.length() - 3);
        }
        assertThat(store.latest()).isEmpty();
        assertThatThrownBy(() -> SnapshotFile.read(path)).hasMessageContaining("cut short");
    }

    @Test
    void aHalfWrittenTempFileFromACrashIsIgnoredAndRemovedOnOpen() throws Exception {
        SnapshotStore store = SnapshotStore.open(dir);
        commit(store, new SnapshotMeta(10, 2, Membership.ofVoters(NodeId.of(1))), 1_000);
        // The crash: a writer got half-way and never committed.
        SnapshotWriter abandoned = store.begin(new SnapshotMeta(20, 3, Membership.ofVoters(NodeId.of(1))));
        writeSeeded(abandoned.content(), 1, 10_000);
        abandoned.content().flush();
        assertThat(tempFiles()).hasSize(1);
        assertThat(store.latest().orElseThrow().index()).isEqualTo(10);

        SnapshotStore reopened = SnapshotStore.open(dir);
        assertThat(tempFiles()).isEmpty();
        assertThat(reopened.latest().orElseThrow().index()).isEqualTo(10);
    }

    @Test
    void closingAWriterWithoutCommittingLeavesNothingBehind() throws Exception {
        SnapshotStore store = SnapshotStore.open(dir);
        try (SnapshotWriter writer = store.begin(new SnapshotMeta(5, 1, Membership.ofVoters(NodeId.of(1))))) {
            writer.content().write(new byte[100]);
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void closingTheContentStreamDoesNotEndTheSnapshot() throws Exception {
        SnapshotStore store = SnapshotStore.open(dir);
        try (SnapshotWriter writer = store.begin(new SnapshotMeta(5, 1, Membership.ofVoters(NodeId.of(1))))) {
            try (OutputStream out = writer.content()) {
                out.write("state".getBytes(StandardCharsets.UTF_8));
            }
            writer.commit();
        }
        FileSnapshotPayload payload = (FileSnapshotPayload) store.latest().orElseThrow().payload();
        assertThat(new String(readAll(payload), StandardCharsets.UTF_8)).isEqualTo("state");
    }

    @Test
    void aWriterCannotCommitTwice() throws Exception {
        SnapshotStore store = SnapshotStore.open(dir);
        try (SnapshotWriter writer = store.begin(new SnapshotMeta(5, 1, Membership.ofVoters(NodeId.of(1))))) {
            writer.commit();
            assertThatThrownBy(writer::commit).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("5@1 is already committed");
        }
    }

    @Test
    void onlyTheNewestRetainedSnapshotsAreKept() throws Exception {
        SnapshotStore store = SnapshotStore.open(dir, 2);
        for (long index = 10; index <= 40; index += 10) {
            commit(store, new SnapshotMeta(index, 1, Membership.ofVoters(NodeId.of(1))), 10);
        }
        assertThat(snapshotFiles()).containsExactly(
                "snapshot-00000000000000000030-00000000000000000001.snap",
                "snapshot-00000000000000000040-00000000000000000001.snap");

        SnapshotStore keepOne = SnapshotStore.open(dir, 1);
        commit(keepOne, new SnapshotMeta(50, 2, Membership.ofVoters(NodeId.of(1))), 10);
        assertThat(snapshotFiles()).containsExactly("snapshot-00000000000000000050-00000000000000000002.snap");
    }

    @Test
    void anEmptyContentIsAValidSnapshot() throws Exception {
        SnapshotStore store = SnapshotStore.open(dir);
        commit(store, new SnapshotMeta(3, 1, Membership.ofVoters(NodeId.of(1))), 0);
        FileSnapshotPayload payload = (FileSnapshotPayload) store.latest().orElseThrow().payload();
        assertThat(readAll(payload)).isEmpty();
    }

    static FileSnapshotPayload commit(SnapshotStore store, SnapshotMeta meta, int contentBytes) throws IOException {
        try (SnapshotWriter writer = store.begin(meta)) {
            writeSeeded(writer.content(), meta.index(), contentBytes);
            return (FileSnapshotPayload) writer.commit().payload();
        }
    }

    /** Writes {@code size} seeded bytes in irregular pieces, as a real state machine would. */
    static void writeSeeded(OutputStream out, long seed, int size) throws IOException {
        Random bytes = new Random(seed);
        Random pieces = new Random(seed + 1);
        int written = 0;
        while (written < size) {
            int n = Math.min(size - written, 1 + pieces.nextInt(70_000));
            byte[] piece = new byte[n];
            bytes.nextBytes(piece);
            if (n == 1) {
                out.write(piece[0]);
            } else {
                out.write(piece);
            }
            written += n;
        }
    }

    static void assertSeeded(InputStream in, long seed, int size) throws IOException {
        ByteArrayOutputStream expected = new ByteArrayOutputStream(size);
        writeSeeded(expected, seed, size);
        assertThat(in.readAllBytes()).isEqualTo(expected.toByteArray());
    }

    static byte[] readAll(FileSnapshotPayload payload) throws IOException {
        try (InputStream in = payload.openContent()) {
            return in.readAllBytes();
        }
    }

    static void flipByteAt(Path path, long position) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
            file.seek(position);
            int b = file.read();
            file.seek(position);
            file.write(b ^ 0x40);
        }
    }

    private List<Path> tempFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".tmp")).toList();
        }
    }

    private List<String> snapshotFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
