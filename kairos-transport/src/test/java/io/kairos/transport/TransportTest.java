package io.kairos.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kairos.raft.LogEntry;
import io.kairos.raft.NodeId;
import io.kairos.raft.message.AppendRequest;
import io.kairos.raft.message.Heartbeat;
import io.kairos.raft.message.Message;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransportTest {

    private static final NodeId N1 = NodeId.of(1);
    private static final NodeId N2 = NodeId.of(2);
    private static final NodeId N3 = NodeId.of(3);

    @Test
    void threeNodesExchangeEveryMessageType() throws IOException {
        try (TestNode n1 = TestNode.start(1, 3); TestNode n2 = TestNode.start(2, 3); TestNode n3 = TestNode.start(3, 3)) {
            TestNode.connectAll(n1, n2, n3);
            List<Message> to1 = new ArrayList<>();
            List<Message> to2 = new ArrayList<>();
            List<Message> to3 = new ArrayList<>();
            for (TestNode from : List.of(n1, n2, n3)) {
                for (TestNode to : List.of(n1, n2, n3)) {
                    if (from != to) {
                        for (Message m : SampleMessages.everyType(from.id, to.id)) {
                            assertThat(from.transport.send(m)).isTrue();
                            (to == n1 ? to1 : to == n2 ? to2 : to3).add(m);
                        }
                    }
                }
            }

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(n1.received).containsExactlyInAnyOrderElementsOf(to1);
                assertThat(n2.received).containsExactlyInAnyOrderElementsOf(to2);
                assertThat(n3.received).containsExactlyInAnyOrderElementsOf(to3);
            });
        }
    }

    @Test
    void messagesFromOneSenderArriveInTheOrderSent() throws IOException {
        try (TestNode n1 = TestNode.start(1, 2); TestNode n2 = TestNode.start(2, 2)) {
            TestNode.connectAll(n1, n2);
            List<Message> sent = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                Message m = new Heartbeat(N1, N2, 1, i, i);
                assertThat(n1.transport.send(m)).isTrue();
                sent.add(m);
            }

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(n2.received).isEqualTo(sent));
        }
    }

    @Test
    void theClientReconnectsAfterTheServerSideRestarts() throws IOException {
        try (TestNode n1 = TestNode.start(1, 2)) {
            TestNode n2 = TestNode.start(2, 2);
            int port = n2.transport.port();
            n1.transport.addPeer(N2, n2.address());
            n1.transport.send(new Heartbeat(N1, N2, 1, 0, 1));
            await().untilAsserted(() -> assertThat(n2.received).hasSize(1));

            n2.close();
            await().until(() -> !n1.transport.isConnectedTo(N2));
            try (TestNode restarted = TestNode.start(2, 2, port, b -> b)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> n1.transport.isConnectedTo(N2));
                Message afterRestart = new Heartbeat(N1, N2, 1, 0, 2);
                assertThat(n1.transport.send(afterRestart)).isTrue();

                await().untilAsserted(() -> assertThat(restarted.received).contains(afterRestart));
            }
        }
    }

    @Test
    void aDeadPeersQueueStaysBoundedInCount() throws IOException {
        try (TestNode n1 = TestNode.start(1, 2, 0, b -> b.queueBounds(5, 1024 * 1024))) {
            n1.transport.addPeer(N2, unusedAddress());
            for (int i = 0; i < 5; i++) {
                assertThat(n1.transport.send(new Heartbeat(N1, N2, 1, 0, i))).isTrue();
            }

            assertThat(n1.transport.send(new Heartbeat(N1, N2, 1, 0, 5))).isFalse();
            assertThat(n1.transport.send(new Heartbeat(N1, N2, 1, 0, 6))).isFalse();
            assertThat(n1.transport.droppedTo(N2)).isEqualTo(2);
            assertThat(n1.transport.queuedTo(N2)).isEqualTo(5);
        }
    }

    @Test
    void aDeadPeersQueueStaysBoundedInBytes() throws IOException {
        try (TestNode n1 = TestNode.start(1, 2, 0, b -> b.queueBounds(1_000, 1024 * 1024))) {
            n1.transport.addPeer(N2, unusedAddress());
            int accepted = 0;
            while (n1.transport.send(append(100 * 1024)) && accepted < 100) {
                accepted++;
            }

            assertThat(accepted).isEqualTo(10);
            assertThat(n1.transport.droppedTo(N2)).isEqualTo(1);
        }
    }

    @Test
    void aPeerThatStopsReadingFillsOnlyTheBoundedQueue() throws Exception {
        try (ServerSocket silent = new ServerSocket();
                TestNode n1 = TestNode.start(1, 2, 0, b -> b.queueBounds(1_000, 1024 * 1024))) {
            silent.setReceiveBufferSize(16 * 1024); // inherited by the accepted socket: fills sooner
            silent.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
            n1.transport.addPeer(N2, new PeerAddress("127.0.0.1", silent.getLocalPort()));
            try (Socket accepted = silent.accept()) {
                assertThat(accepted.isConnected()).isTrue();
                // It never reads: the socket buffers fill, then Netty's water mark, then our queue.
                Message big = append(64 * 1024);
                await().until(() -> n1.transport.isConnectedTo(N2));
                // Once the socket buffers and the water mark are full, the channel stays unwritable
                // and the queue stops draining: sends are refused and the queue stays (boundedly) full.
                // The kernel may grow its buffers for a while; in the end every send is refused.
                await().pollInterval(Duration.ofMillis(10)).atMost(Duration.ofSeconds(10))
                        .until(() -> sendUntilRefused(n1.transport, big, 1_000));
                await().pollInterval(Duration.ofMillis(10)).during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(15))
                        .until(() -> sendUntilRefused(n1.transport, big, 1));

                assertThat(n1.transport.droppedTo(N2)).isPositive();
                assertThat(n1.transport.queuedTo(N2)).isBetween(1, 16);
            }
        }
    }

    @Test
    void messagesToUnknownPeersAreRefused() throws IOException {
        try (TestNode n1 = TestNode.start(1, 3)) {
            assertThat(n1.transport.send(new Heartbeat(N1, N3, 1, 0, 0))).isFalse();
        }
    }

    @Test
    void staleTermsAreDeliveredForTheCoreToJudge() throws IOException {
        try (TestNode n1 = TestNode.start(1, 2); TestNode n2 = TestNode.start(2, 2)) {
            TestNode.connectAll(n1, n2);
            Message newer = new Heartbeat(N1, N2, 9, 0, 1);
            Message older = new Heartbeat(N1, N2, 2, 0, 2);
            n1.transport.send(newer);
            n1.transport.send(older);

            await().untilAsserted(() -> assertThat(n2.received).containsExactly(newer, older));
        }
    }

    /** Sends {@code m} up to {@code times} times; whether a send was refused. */
    private static boolean sendUntilRefused(Transport transport, Message m, int times) {
        for (int i = 0; i < times; i++) {
            if (!transport.send(m)) {
                return true;
            }
        }
        return false;
    }

    private static Message append(int payloadBytes) {
        return new AppendRequest(N1, N2, 1, 0, 0, List.of(new LogEntry.Command(1, 1, new byte[payloadBytes])), 0);
    }

    /** A port nothing listens on: bound, then released. */
    private static PeerAddress unusedAddress() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new PeerAddress("127.0.0.1", s.getLocalPort());
        }
    }

}
