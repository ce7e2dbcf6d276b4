package io.kairos.sim.fault;

import io.kairos.raft.NodeId;
import io.kairos.sim.event.EventLoop;
import io.kairos.sim.node.Cluster;
import io.kairos.sim.node.SimNode;
import java.util.List;
import java.util.Random;

/**
 * Crashes machines at random moments, often the leader, and restarts each after a quick reboot or a
 * longer outage. Usually no more than a minority of the initial cluster is down at once; sometimes
 * one more, so that the cluster also loses its quorum for a while.
 */
public final class CrashFaults {

    private final EventLoop loop;
    private final Cluster cluster;
    private final Random random;
    private final FaultSettings settings;
    private final int tolerated;
    private final RecurringFault recurring;
    private long crashes;
    private long restarts;

    public CrashFaults(EventLoop loop, Cluster cluster, Random random, FaultSettings settings, int clusterSize) {
        this.loop = loop;
        this.cluster = cluster;
        this.random = random;
        this.settings = settings;
        this.recurring = new RecurringFault(loop, random, settings.meanMicrosBetweenCrashes(), this::crashOne);
        this.tolerated = (clusterSize - 1) / 2;
    }

    public void start() {
        recurring.start();
    }

    /** No more crashes; pending restarts still happen. */
    public void stop() {
        recurring.stop();
    }

    private void crashOne() {
        int down = cluster.ids(SimNode.Status.DOWN).size();
        boolean loseQuorum = random.nextDouble() < 0.1;
        if (down >= tolerated + (loseQuorum ? 1 : 0)) {
            return;
        }
        NodeId victim = pickVictim();
        if (victim == null) {
            return;
        }
        cluster.crash(victim);
        crashes++;
        loop.after(downtime(), () -> restart(victim));
    }

    /**
     * A leader of a new term was just elected. Sometimes it is crashed within its first moments,
     * while its first entries are on some followers only: the histories of Raft's Figure 8.
     */
    public void onNewLeader(NodeId leader) {
        if (!recurring.isActive() || random.nextDouble() >= settings.newLeaderCrashShare()) {
            return;
        }
        loop.after((long) (random.nextDouble() * 60_000), () -> {
            if (recurring.isActive() && cluster.node(leader).isUp() && cluster.ids(SimNode.Status.DOWN).size() < tolerated) {
                cluster.crash(leader);
                crashes++;
                loop.after(downtime(), () -> restart(leader));
            }
        });
    }

    private NodeId pickVictim() {
        SimNode leader = cluster.leader();
        if (leader != null && random.nextDouble() < settings.leaderCrashShare()) {
            return leader.id();
        }
        List<NodeId> up = cluster.ids(SimNode.Status.UP);
        return up.isEmpty() ? null : up.get(random.nextInt(up.size()));
    }

    private long downtime() {
        if (random.nextDouble() < settings.shortDowntimeShare()) {
            return 10_000 + (long) (random.nextDouble() * (settings.maxShortDowntimeMicros() - 10_000));
        }
        return 500_000 + (long) (random.nextDouble() * (settings.maxDowntimeMicros() - 500_000));
    }

    private void restart(NodeId id) {
        if (cluster.node(id).status() == SimNode.Status.DOWN) {
            cluster.restart(id);
            restarts++;
        }
    }

    /** Restarts every crashed node now (the final heal). */
    public void restartAll() {
        for (NodeId id : cluster.ids(SimNode.Status.DOWN)) {
            restart(id);
        }
    }

    public long crashes() {
        return crashes;
    }

    public long restarts() {
        return restarts;
    }
}
