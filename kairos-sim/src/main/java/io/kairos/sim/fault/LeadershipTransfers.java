package io.kairos.sim.fault;

import io.kairos.raft.NodeId;
import io.kairos.raft.ProposeResult;
import io.kairos.raft.RaftNode;
import io.kairos.sim.event.EventLoop;
import io.kairos.sim.node.Cluster;
import io.kairos.sim.node.SimNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

/**
 * An operator asks the leader, at random moments, to hand leadership to a random voter; sometimes
 * deliberately to the voter furthest behind, which the leader must first catch up.
 */
public final class LeadershipTransfers {

    private final Cluster cluster;
    private final Random random;
    private final FaultSettings settings;
    private final RecurringFault recurring;
    private long accepted;

    public LeadershipTransfers(EventLoop loop, Cluster cluster, Random random, FaultSettings settings) {
        this.cluster = cluster;
        this.random = random;
        this.settings = settings;
        this.recurring = new RecurringFault(loop, random, settings.meanMicrosBetweenTransfers(), this::transfer);
    }

    public void start() {
        recurring.start();
    }

    public void stop() {
        recurring.stop();
    }

    private void transfer() {
        SimNode leader = cluster.leader();
        if (leader == null) {
            return;
        }
        NodeId target = pickTarget(leader.raft());
        if (target != null && leader.transferLeadership(target) instanceof ProposeResult.Accepted) {
            accepted++;
        }
    }

    private NodeId pickTarget(RaftNode leader) {
        List<NodeId> voters = new ArrayList<>();
        for (NodeId v : new TreeSet<>(leader.membership().voters())) {
            if (!v.equals(leader.id())) {
                voters.add(v);
            }
        }
        if (voters.isEmpty()) {
            return null;
        }
        if (random.nextDouble() < 0.3) {
            NodeId furthestBehind = voters.get(0);
            for (NodeId v : voters) {
                if (leader.matchIndexOf(v) < leader.matchIndexOf(furthestBehind)) {
                    furthestBehind = v;
                }
            }
            return furthestBehind;
        }
        return voters.get(random.nextInt(voters.size()));
    }

    /** Transfer requests the leader accepted. */
    public long accepted() {
        return accepted;
    }
}
