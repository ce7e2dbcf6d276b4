package io.kairos.sim.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.kairos.raft.NodeId;
import io.kairos.raft.message.Message;
import io.kairos.raft.message.TimeoutNow;
import io.kairos.sim.event.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NetworkTest {

    private static final NodeId A = NodeId.of(1);
    private static final NodeId B = NodeId.of(2);
    private static final NodeId C = NodeId.of(3);

    private final EventLoop loop = new EventLoop();
    private final Network network = new Network(loop, new Random(1), NetworkProfile.reliable());
    private final List<Message> received = new ArrayList<>();

    NetworkTest() {
        network.attach(m -> received.add(m));
    }

    @Test
    void aReliableNetworkDeliversEverythingWithinItsLatency() {
        for (int i = 0; i < 100; i++) {
            network.send(new TimeoutNow(A, B, i));
        }
        loop.runUntil(20_000);
        assertThat(received).hasSize(100);
        assertThat(network.delivered()).isEqualTo(100);
    }

    @Test
    void aPartitionCutsNewMessagesAndThoseInFlightUntilLifted() {
        network.send(new TimeoutNow(A, B, 1)); // in flight when the cut comes
        Partition p = PartitionShapes.isolate(A, List.of(A, B, C));
        network.impose(p);
        network.send(new TimeoutNow(A, C, 2));
        network.send(new TimeoutNow(B, C, 3));
        loop.runUntil(50_000);
        assertThat(received).extracting(Message::term).containsExactly(3L);

        network.lift(p);
        network.send(new TimeoutNow(A, B, 4));
        loop.runUntil(100_000);
        assertThat(received).extracting(Message::term).containsExactly(3L, 4L);
    }

    @Test
    void aOneWayCutLetsTheOtherDirectionThrough() {
        network.impose(PartitionShapes.oneWay(A, List.of(B)));
        network.send(new TimeoutNow(A, B, 1));
        network.send(new TimeoutNow(B, A, 2));
        loop.runUntil(50_000);
        assertThat(received).extracting(Message::term).containsExactly(2L);
    }

    @Test
    void aBridgeHearsBothSidesWhichDoNotHearEachOther() {
        Partition p = PartitionShapes.bridge(C, List.of(A), List.of(B));
        assertThat(p.cut()).containsExactlyInAnyOrder(new Link(A, B), new Link(B, A));
    }

    @Test
    void aLossyNetworkDropsAndDuplicates() {
        network.setProfile(new NetworkProfile(1_000, 20_000, 0.2, 0.2, 0, 20_000));
        for (int i = 0; i < 1_000; i++) {
            network.send(new TimeoutNow(A, B, i));
        }
        loop.runUntil(100_000);
        assertThat(network.dropped()).isBetween(120L, 280L);
        assertThat(network.duplicated()).isBetween(120L, 280L);
        assertThat(received).hasSize((int) (1_000 - network.dropped() + network.duplicated()));
    }
}
