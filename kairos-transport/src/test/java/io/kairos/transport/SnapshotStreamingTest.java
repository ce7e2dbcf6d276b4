package io.kairos.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kairos.raft.Membership;
import io.kairos.raft.NodeId;
import io.kairos.raft.Snapshot;
import io.kairos.raft.SnapshotMeta;
import io.kairos.raft.message.InstallSnapshot;
import io.kairos.raft.message.Message;
import io.kairos.storage.snapshot.FileSnapshotPayload;
import io.kairos.storage.snapshot.SnapshotChunk;
import io.kairos.storage.snapshot.SnapshotStore;
import io.kairos.storage.snapshot.SnapshotWriter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotStreamingTest {

    private static final NodeId N1 = NodeId.of(1);
    private static final NodeId N2 = NodeId.of(2);
    private static final int CHUNK = 16 * 1024;

    @TempDir
    Path dir;

    private byte[] content;
    private Snapshot snapshot;

    @BeforeEach
    void writeALeaderSnapshot() throws IOException {
        content = new byte[300 * 1024 + 17];
        new Random(7).nextBytes(content);
        SnapshotStore leader = SnapshotStore.open(dir.resolve("leader"));
        try (SnapshotWriter writer = leader.begin(new SnapshotMeta(10, 2, Membership.ofVoters(N1, N2)))) {
            writer.content().write(content);
            snapshot = writer.commit();
        }
    }

    @Test
    void aFileSnapshotIsStreamedVerifiedAndDeliveredWithTheReceivedFile() throws IOException {
        Path staging = dir.resolve("staging");
        try (TestNode n1 = TestNode.start(1, 2); TestNode n2 = TestNode.start(2, 2, 0, b -> b.snapshots(staging, CHUNK, 2))) {
            TestNode.connectAll(n1, n2);

            assertThat(n1.transport.send(new InstallSnapshot(N1, N2, 3, snapshot))).isTrue();

            await().atMost(Duration.ofSeconds(10)).until(() -> !n2.received.isEmpty());
            InstallSnapshot delivered = (InstallSnapshot) n2.received.get(0);
            assertDelivered(delivered, staging);
        }
    }

    @Test
    void overTcpATransferCutHalfwayResumesInsteadOfStartingOver() throws IOException {
        Path staging = dir.resolve("staging");
        try (TestNode n1 = TestNode.start(1, 2); TestNode n2 = TestNode.start(2, 2, 0, b -> b.snapshots(staging, CHUNK, 2));
                CuttingProxy proxy = new CuttingProxy(n2.transport.port(), content.length / 2)) {
            n1.transport.addPeer(N2, new PeerAddress("127.0.0.1", proxy.port()));

            n1.transport.send(new InstallSnapshot(N1, N2, 3, snapshot));

            await().atMost(Duration.ofSeconds(10)).until(() -> !n2.received.isEmpty());
            assertThat(proxy.hasCut()).isTrue();
            assertThat(proxy.forwardedBytes()).as("resumed, not resent from 0").isLessThan(content.length * 5L / 4);
            assertDelivered((InstallSnapshot) n2.received.get(0), staging);
        }
    }

    @Test
    void aTransferResumesAfterALostConnectionFromTheOffsetTheReceiverReports() throws IOException {
        Path staging = dir.resolve("staging");
        List<Message> delivered = new CopyOnWriteArrayList<>();
        SnapshotSender sender = new SnapshotSender(config(), N2);
        SnapshotInbox inbox = new SnapshotInbox(N2, staging, delivered::add);
        EmbeddedChannel first = new EmbeddedChannel();
        sender.start(new InstallSnapshot(N1, N2, 3, snapshot), first);

        for (int i = 0; i < 4; i++) {
            Frame.ChunkAck ack = inbox.accept(first.readOutbound());
            if (i < 3) {
                sender.onAck(ack, first); // the fourth ack is lost with the connection
            }
        }
        assertThat(inbox.accept(new Frame.Chunk(N1, N2, 3, 0, chunkAt(2))).kind())
                .as("the receiver holds four chunks").isEqualTo(Frame.AckKind.RESEND);
        first.close();

        EmbeddedChannel second = new EmbeddedChannel();
        sender.onConnected(second);
        List<Long> offsetsAfterReconnect = new ArrayList<>();
        deliverAll(second, sender, inbox, offsetsAfterReconnect, false);

        assertThat(offsetsAfterReconnect.get(0)).as("resumes from the last acknowledged chunk").isEqualTo(3L * CHUNK);
        assertThat(offsetsAfterReconnect).allMatch(offset -> offset >= 3L * CHUNK);
        assertThat(delivered).hasSize(1);
        assertDelivered((InstallSnapshot) delivered.get(0), staging);
    }

    @Test
    void aSnapshotCorruptedOnTheWayIsNotDeliveredAndIsSentAgain() throws IOException {
        Path staging = dir.resolve("staging");
        List<Message> delivered = new CopyOnWriteArrayList<>();
        SnapshotSender sender = new SnapshotSender(config(), N2);
        SnapshotInbox inbox = new SnapshotInbox(N2, staging, delivered::add);
        EmbeddedChannel channel = new EmbeddedChannel();
        sender.start(new InstallSnapshot(N1, N2, 3, snapshot), channel);

        List<Long> offsets = new ArrayList<>();
        deliverAll(channel, sender, inbox, offsets, true);

        assertThat(offsets.stream().filter(o -> o == 0L).count())
                .as("sent twice: the corrupt pass was rejected, then started over").isEqualTo(2);
        assertThat(delivered).hasSize(1);
        assertDelivered((InstallSnapshot) delivered.get(0), staging);
    }

    private static void deliverAll(EmbeddedChannel channel, SnapshotSender sender, SnapshotInbox inbox,
            List<Long> offsets, boolean corruptFirstPass) {
        boolean corrupted = !corruptFirstPass;
        Frame.Chunk chunk;
        while ((chunk = channel.readOutbound()) != null) {
            offsets.add(chunk.chunk().offset());
            if (!corrupted && chunk.chunk().offset() == CHUNK) {
                SnapshotChunk c = chunk.chunk();
                byte[] bytes = c.bytes();
                bytes[100] ^= 1;
                chunk = new Frame.Chunk(chunk.from(), chunk.to(), chunk.term(), chunk.epoch(),
                        new SnapshotChunk(c.index(), c.term(), c.offset(), bytes, c.last(), c.totalCrc()));
                corrupted = true;
            }
            sender.onAck(inbox.accept(chunk), channel);
        }
    }

    private void assertDelivered(InstallSnapshot delivered, Path staging) throws IOException {
        assertThat(delivered.from()).isEqualTo(N1);
        assertThat(delivered.term()).isEqualTo(3);
        assertThat(delivered.snapshot().meta()).isEqualTo(snapshot.meta());
        FileSnapshotPayload payload = (FileSnapshotPayload) delivered.snapshot().payload();
        assertThat(payload.path()).startsWith(staging);
        try (InputStream in = payload.openContent()) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
    }

    private SnapshotChunk chunkAt(int i) throws IOException {
        try (var chunks = io.kairos.storage.snapshot.SnapshotChunks.open((FileSnapshotPayload) snapshot.payload(), CHUNK)) {
            return chunks.chunkAt((long) i * CHUNK);
        }
    }

    private TransportConfig config() {
        return TransportConfig.builder(N1, "c", new PeerAddress("127.0.0.1", 0))
                .maxFrameBytes(64 * 1024).queueBounds(10, 64 * 1024).snapshots(null, CHUNK, 2).build();
    }
}
