package io.kairos.sim.check;

import static io.kairos.sim.check.Nodes.n;
import static org.assertj.core.api.Assertions.assertThat;

import io.kairos.raft.LogEntry;
import io.kairos.raft.Storage;
import io.kairos.raft.Membership;
import io.kairos.raft.RaftNode;
import io.kairos.raft.Ready;
import io.kairos.raft.message.Message;
import io.kairos.sim.event.EventLoop;
import io.kairos.sim.kv.KvCommand;
import io.kairos.sim.net.Network;
import io.kairos.sim.net.NetworkProfile;
import io.kairos.sim.node.Cluster;
import io.kairos.sim.node.NodeContext;
import io.kairos.sim.node.NodeObserver;
import io.kairos.sim.node.NodeSettings;
import io.kairos.sim.node.NodeDisk;
import io.kairos.sim.node.SimNode;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LivenessTest {

    private static final NodeObserver IGNORE = new NodeObserver() {
        @Override
        public void onStart(SimNode node, Storage storage) {
        }

        @Override
        public void onReady(SimNode node, Ready rd) {
        }

        @Override
        public void onApplied(SimNode node, LogEntry entry, KvCommand command, boolean tookEffect) {
        }

        @Override
        public void onDelivered(Message m) {
        }

        @Override
        public void afterInput(SimNode node, RaftNode raft) {
        }
    };

    private final EventLoop loop = new EventLoop();
    private final Cluster cluster;

    LivenessTest() {
        Network network = new Network(loop, new Random(1), NetworkProfile.reliable());
        cluster = new Cluster(new NodeContext(loop, network, IGNORE, NodeSettings.defaults(), new Random(2),
                NodeDisk.Factory.memory()));
        network.attach(cluster::deliver);
        Membership m = Membership.ofVoters(n(1), n(2), n(3));
        for (int id = 1; id <= 3; id++) {
            cluster.launch(n(id), m);
        }
    }

    @Test
    void aClusterThatElectedALeaderEveryoneFollowsHasSettled() {
        loop.runUntil(3_000_000);
        assertThat(Liveness.unsettled(cluster, List.of())).isEmpty();
    }

    @Test
    void aClusterWithoutALeaderHasNotSettled() {
        assertThat(Liveness.unsettled(cluster, List.of())).contains("no leader");
    }

    @Test
    void aClusterWithAMemberDownHasNotSettled() {
        loop.runUntil(3_000_000);
        SimNode follower = cluster.nodes().stream().filter(n -> n != cluster.leader()).findFirst().orElseThrow();
        cluster.crash(follower.id());
        assertThat(Liveness.unsettled(cluster, List.of())).hasValueSatisfying(
                problem -> assertThat(problem).contains("member " + follower.id()).contains("is not running"));
    }
}
