package io.kairos.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.kairos.raft.NodeId;
import io.kairos.raft.message.Heartbeat;
import io.kairos.raft.message.Message;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Bad input from outside is refused precisely and the node keeps serving: each case closes only
 * the offending connection, logs one WARN line, and a well-behaved peer is served afterwards.
 */
class BadInputTest {

    private static final NodeId N1 = NodeId.of(1);
    private static final NodeId N2 = NodeId.of(2);
    private static final NodeId N3 = NodeId.of(3);

    private static TestNode server;
    private final ListAppender<ILoggingEvent> warnings = new ListAppender<>();

    @BeforeAll
    static void startServer() throws IOException {
        server = TestNode.start(1, 3, 0, b -> b.maxFrameBytes(64 * 1024).queueBounds(100, 64 * 1024)
                .helloTimeoutMillis(500));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void captureWarnings() {
        warnings.start();
        ((Logger) LoggerFactory.getLogger(Refusal.class)).addAppender(warnings);
        server.received.clear();
    }

    @AfterEach
    void serverStillServesAGoodClient() throws IOException {
        Message m = new Heartbeat(N2, N1, 1, 0, 42);
        try (RawPeer good = new RawPeer(server.transport.port())) {
            good.hello(TestNode.CLUSTER, 2).send(m);
            await().untilAsserted(() -> assertThat(server.received).contains(m));
        }
        ((Logger) LoggerFactory.getLogger(Refusal.class)).detachAppender(warnings);
    }

    @Test
    void garbageBytesCloseTheConnection() throws IOException {
        assertRefused(peer -> peer.write("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII)),
                "exceeds the maximum");
    }

    @Test
    void garbageAfterTheHandshakeClosesTheConnection() throws IOException {
        assertRefused(peer -> peer.hello(TestNode.CLUSTER, 2).write(new byte[] {0, 0, 0, 3, 1, 99, 0}),
                "unknown frame type 99");
    }

    @Test
    void aTruncatedFrameClosesTheConnection() throws IOException {
        byte[] frame = FrameCodec.encode(new Frame.Raft(new Heartbeat(N2, N1, 1, 0, 1)));
        assertRefused(peer -> peer.hello(TestNode.CLUSTER, 2).write(Arrays.copyOf(frame, frame.length - 5))
                .shutdownOutput(), "connection closed inside a frame");
    }

    @Test
    void anOversizedLengthClosesTheConnection() throws IOException {
        byte[] header = ByteBuffer.allocate(4).putInt(64 * 1024 + 1).array();
        assertRefused(peer -> peer.hello(TestNode.CLUSTER, 2).write(header), "exceeds the maximum of 65536 bytes");
    }

    @Test
    void anUnknownVersionClosesTheConnection() throws IOException {
        byte[] frame = FrameCodec.encode(new Frame.Hello(TestNode.CLUSTER, N2, 1));
        frame[4] = 9;
        assertRefused(peer -> peer.write(frame), "frame version 9");
    }

    @Test
    void aMessageBeforeTheHandshakeIsRefused() throws IOException {
        assertRefused(peer -> peer.send(new Heartbeat(N2, N1, 1, 0, 1)), "expected Hello");
    }

    @Test
    void aConnectionThatNeverSaysHelloIsClosed() throws IOException {
        assertRefused(peer -> { }, "no Hello within 500 ms");
    }

    @Test
    void aWrongClusterIdIsRefused() throws IOException {
        assertRefused(peer -> peer.hello("other-cluster", 2), "cluster id 'other-cluster'");
    }

    @Test
    void aNonMemberIsRefused() throws IOException {
        assertRefused(peer -> peer.hello(TestNode.CLUSTER, 7), "n7 is not a member");
    }

    @Test
    void aMessageFromAnotherNodeThanTheHandshakesIsRefused() throws IOException {
        assertRefused(peer -> peer.hello(TestNode.CLUSTER, 2).send(new Heartbeat(N3, N1, 1, 0, 1)),
                "message from n3 to n1 on the connection of n2");
    }

    @Test
    void aMessageForAnotherNodeIsRefused() throws IOException {
        assertRefused(peer -> peer.hello(TestNode.CLUSTER, 2).send(new Heartbeat(N2, N3, 1, 0, 1)),
                "message from n2 to n3");
    }

    @Test
    void aGoodConnectionSurvivesABadOneNextToIt() throws IOException {
        try (RawPeer good = new RawPeer(server.transport.port())) {
            good.hello(TestNode.CLUSTER, 3).send(new Heartbeat(N3, N1, 1, 0, 1));
            assertRefused(peer -> peer.write(new byte[] {0, 0, 0, 2, 1, 99}), "unknown frame type 99");
            Message later = new Heartbeat(N3, N1, 1, 0, 2);
            good.send(later);
            await().untilAsserted(() -> assertThat(server.received).contains(later));
        }
    }

    private interface Misbehaviour {
        void on(RawPeer peer) throws IOException;
    }

    private void assertRefused(Misbehaviour misbehaviour, String reason) throws IOException {
        int before = warnings.list.size();
        try (RawPeer bad = new RawPeer(server.transport.port())) {
            misbehaviour.on(bad);
            assertThat(bad.closedByServer()).as("the server closed the connection").isTrue();
        }
        await().untilAsserted(() -> assertThat(warnings.list).hasSize(before + 1));
        ILoggingEvent warning = warnings.list.get(before);
        assertThat(warning.getLevel()).isEqualTo(Level.WARN);
        assertThat(warning.getFormattedMessage()).contains(reason);
        assertThat(server.received).noneMatch(m -> m.from().equals(N3) && m.to().equals(N1) && m.term() == 1
                && m instanceof Heartbeat h && h.sequence() == 99);
    }
}
