package io.kairos.transport;

import io.kairos.raft.Membership;
import io.kairos.raft.NodeId;
import io.kairos.raft.message.Message;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/** One node's transport on 127.0.0.1 and everything it received, for tests. */
final class TestNode implements AutoCloseable {

    static final String CLUSTER = "test-cluster";

    final NodeId id;
    final Transport transport;
    final List<Message> received;

    private TestNode(NodeId id, Transport transport, List<Message> received) {
        this.id = id;
        this.transport = transport;
        this.received = received;
    }

    /** Starts node {@code id} of a cluster whose members are 1..{@code members}, on a free port. */
    static TestNode start(int id, int members) throws IOException {
        return start(id, members, 0, b -> b);
    }

    static TestNode start(int id, int members, int port, UnaryOperator<TransportConfig.Builder> customize)
            throws IOException {
        NodeId[] voters = new NodeId[members];
        for (int i = 0; i < members; i++) {
            voters[i] = NodeId.of(i + 1);
        }
        Membership membership = Membership.ofVoters(voters);
        List<Message> received = new CopyOnWriteArrayList<>();
        TransportConfig config = customize.apply(TransportConfig.builder(NodeId.of(id), CLUSTER,
                new PeerAddress("127.0.0.1", port))
                .backoff(new Backoff(10, 200))
                .maxFrameBytes(1024 * 1024)
                .queueBounds(1_000, 4L * 1024 * 1024)
                .snapshots(null, 16 * 1024, 2)).build();
        Transport transport = Transport.start(config, () -> membership, received::add);
        return new TestNode(NodeId.of(id), transport, received);
    }

    PeerAddress address() {
        return new PeerAddress("127.0.0.1", transport.port());
    }

    /** Connects every node to every other. */
    static void connectAll(TestNode... nodes) {
        for (TestNode a : nodes) {
            for (TestNode b : nodes) {
                if (a != b) {
                    a.transport.addPeer(b.id, b.address());
                }
            }
        }
    }

    @Override
    public void close() {
        transport.close();
    }
}
