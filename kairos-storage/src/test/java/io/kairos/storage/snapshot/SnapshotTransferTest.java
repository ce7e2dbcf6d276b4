package io.kairos.storage.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kairos.raft.Membership;
import io.kairos.raft.NodeId;
import io.kairos.raft.SnapshotMeta;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotTransferTest {

    private static final int CONTENT_BYTES = 300_000;
    private static final int CHUNK_BYTES = 64 * 1024;

    @TempDir
    Path leaderDir;

    @TempDir
    Path followerDir;

    @Test
    void aSnapshotSentInChunksIsInstalledIdenticalOnTheFollower() throws Exception {
        FileSnapshotPayload sent = leaderSnapshot(new SnapshotMeta(500, 4, SnapshotStoreTest.JOINT));
        SnapshotStore follower = SnapshotStore.open(followerDir);
        ChunkOutcome outcome;
        int chunks = 0;
        try (SnapshotChunks source = SnapshotChunks.open(sent, CHUNK_BYTES);
                SnapshotReceiver receiver = follower.receiver()) {
            long offset = 0;
            do {
                SnapshotChunk chunk = source.chunkAt(offset);
                assertThat(chunk.bytes().length).isLessThanOrEqualTo(CHUNK_BYTES);
                outcome = receiver.accept(chunk);
                chunks++;
                if (outcome instanceof ChunkOutcome.Accepted accepted) {
                    offset = accepted.nextOffset();
                }
            } while (outcome instanceof ChunkOutcome.Accepted);
        }
        assertThat(chunks).isEqualTo(5);
        assertThat(outcome).isInstanceOf(ChunkOutcome.Installed.class);
        assertThat(((ChunkOutcome.Installed) outcome).snapshot().meta())
                .isEqualTo(new SnapshotMeta(500, 4, SnapshotStoreTest.JOINT));
        FileSnapshotPayload received = (FileSnapshotPayload) follower.latest().orElseThrow().payload();
        assertThat(received.path().getFileName()).isEqualTo(sent.path().getFileName());
        assertThat(Files.mismatch(received.path(), sent.path())).isEqualTo(-1L);
        try (InputStream in = received.openContent()) {
            SnapshotStoreTest.assertSeeded(in, 500, CONTENT_BYTES);
        }
        assertThat(tempFiles(followerDir)).isZero();
    }

    @Test
    void aLostChunkIsAnsweredWithTheExpectedOffsetAndTheTransferResumesThere() throws Exception {
        FileSnapshotPayload sent = leaderSnapshot(new SnapshotMeta(500, 4, Membership.ofVoters(NodeId.of(1))));
        SnapshotStore follower = SnapshotStore.open(followerDir);
        try (SnapshotChunks source = SnapshotChunks.open(sent, CHUNK_BYTES);
                SnapshotReceiver receiver = follower.receiver()) {
            assertThat(receiver.accept(source.chunkAt(0))).isEqualTo(new ChunkOutcome.Accepted(CHUNK_BYTES));
            // The chunk at CHUNK_BYTES is lost on the network; the next one arrives.
            assertThat(receiver.accept(source.chunkAt(2L * CHUNK_BYTES)))
                    .isEqualTo(new ChunkOutcome.Resend(CHUNK_BYTES));
            // A duplicate of an already written chunk is answered the same way.
            assertThat(receiver.accept(source.chunkAt(0))).isEqualTo(new ChunkOutcome.Resend(CHUNK_BYTES));

            ChunkOutcome outcome = sendFrom(CHUNK_BYTES, source, receiver);
            assertThat(outcome).isInstanceOf(ChunkOutcome.Installed.class);
        }
        assertThat(follower.latest().orElseThrow().index()).isEqualTo(500);
    }

    @Test
    void aWrongTotalChecksumIsRefusedAndNothingIsInstalled() throws Exception {
        FileSnapshotPayload sent = leaderSnapshot(new SnapshotMeta(500, 4, Membership.ofVoters(NodeId.of(1))));
        SnapshotStore follower = SnapshotStore.open(followerDir);
        ChunkOutcome outcome;
        try (SnapshotChunks source = SnapshotChunks.open(sent, CHUNK_BYTES);
                SnapshotReceiver receiver = follower.receiver()) {
            long offset = 0;
            do {
                SnapshotChunk chunk = source.chunkAt(offset);
                byte[] bytes = chunk.bytes();
                if (offset == CHUNK_BYTES) {
                    bytes[100] ^= 0x01; // damaged in transit, past any per-packet check
                }
                outcome = receiver.accept(new SnapshotChunk(chunk.index(), chunk.term(), chunk.offset(), bytes,
                        chunk.last(), chunk.totalCrc()));
                if (outcome instanceof ChunkOutcome.Accepted accepted) {
                    offset = accepted.nextOffset();
                }
            } while (outcome instanceof ChunkOutcome.Accepted);
        }
        assertThat(outcome).isInstanceOf(ChunkOutcome.Rejected.class);
        assertThat(((ChunkOutcome.Rejected) outcome).reason()).contains("sum to CRC32C").contains("announced");
        assertThat(follower.latest()).isEmpty();
        assertThat(tempFiles(followerDir)).isZero();
    }

    @Test
    void aSnapshotCorruptOnTheLeadersDiskIsNotInstalledEvenIfTheTransferWasClean() throws Exception {
        FileSnapshotPayload sent = leaderSnapshot(new SnapshotMeta(500, 4, Membership.ofVoters(NodeId.of(1))));
        SnapshotStoreTest.flipByteAt(sent.path(), 1_000);
        SnapshotStore follower = SnapshotStore.open(followerDir);
        try (SnapshotChunks source = SnapshotChunks.open(sent, CHUNK_BYTES);
                SnapshotReceiver receiver = follower.receiver()) {
            ChunkOutcome outcome = sendFrom(0, source, receiver);
            assertThat(outcome).isInstanceOf(ChunkOutcome.Rejected.class);
            assertThat(((ChunkOutcome.Rejected) outcome).reason()).contains("not a valid snapshot");
        }
        assertThat(follower.latest()).isEmpty();
    }

    @Test
    void aNewSnapshotStartingAtOffsetZeroReplacesAnUnfinishedTransfer() throws Exception {
        SnapshotStore leader = SnapshotStore.open(leaderDir, 2);
        FileSnapshotPayload older = SnapshotStoreTest.commit(leader,
                new SnapshotMeta(500, 4, Membership.ofVoters(NodeId.of(1))), CONTENT_BYTES);
        FileSnapshotPayload newer = SnapshotStoreTest.commit(leader,
                new SnapshotMeta(900, 5, Membership.ofVoters(NodeId.of(1))), CONTENT_BYTES);
        SnapshotStore follower = SnapshotStore.open(followerDir);
        try (SnapshotChunks first = SnapshotChunks.open(older, CHUNK_BYTES);
                SnapshotChunks second = SnapshotChunks.open(newer, CHUNK_BYTES);
                SnapshotReceiver receiver = follower.receiver()) {
            receiver.accept(first.chunkAt(0));
            // A middle chunk of another snapshot cannot continue this transfer.
            assertThat(receiver.accept(second.chunkAt(CHUNK_BYTES))).isEqualTo(new ChunkOutcome.Resend(0));
            assertThat(sendFrom(0, second, receiver)).isInstanceOf(ChunkOutcome.Installed.class);
        }
        assertThat(follower.latest().orElseThrow().index()).isEqualTo(900);
        assertThat(tempFiles(followerDir)).isZero();
    }

    @Test
    void aReceiverClosedMidTransferLeavesNoTempFile() throws Exception {
        FileSnapshotPayload sent = leaderSnapshot(new SnapshotMeta(500, 4, Membership.ofVoters(NodeId.of(1))));
        SnapshotStore follower = SnapshotStore.open(followerDir);
        try (SnapshotChunks source = SnapshotChunks.open(sent, CHUNK_BYTES);
                SnapshotReceiver receiver = follower.receiver()) {
            receiver.accept(source.chunkAt(0));
            assertThat(tempFiles(followerDir)).isEqualTo(1);
        }
        assertThat(tempFiles(followerDir)).isZero();
        assertThat(follower.latest()).isEmpty();
    }

    @Test
    void aChunkOutsideTheFileIsABrokenInvariantOfTheSender() throws Exception {
        FileSnapshotPayload sent = leaderSnapshot(new SnapshotMeta(500, 4, Membership.ofVoters(NodeId.of(1))));
        try (SnapshotChunks source = SnapshotChunks.open(sent, CHUNK_BYTES)) {
            assertThatThrownBy(() -> source.chunkAt(source.sizeBytes()))
                    .isInstanceOf(IndexOutOfBoundsException.class)
                    .hasMessageContaining("outside [0, " + source.sizeBytes() + ")");
        }
    }

    private FileSnapshotPayload leaderSnapshot(SnapshotMeta meta) throws Exception {
        return SnapshotStoreTest.commit(SnapshotStore.open(leaderDir), meta, CONTENT_BYTES);
    }

    private static ChunkOutcome sendFrom(long offset, SnapshotChunks source, SnapshotReceiver receiver)
            throws Exception {
        ChunkOutcome outcome;
        do {
            outcome = receiver.accept(source.chunkAt(offset));
            if (outcome instanceof ChunkOutcome.Accepted accepted) {
                offset = accepted.nextOffset();
            }
        } while (outcome instanceof ChunkOutcome.Accepted);
        return outcome;
    }

    private static long tempFiles(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".tmp")).count();
        }
    }
}
