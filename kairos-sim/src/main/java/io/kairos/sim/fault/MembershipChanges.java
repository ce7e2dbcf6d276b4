package io.kairos.sim.fault;

import io.kairos.raft.Membership;
import io.kairos.raft.NodeId;
import io.kairos.raft.ProposeResult;
import io.kairos.sim.event.EventLoop;
import io.kairos.sim.node.Cluster;
import io.kairos.sim.node.SimNode;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * An operator who reshapes the cluster at random moments, one change at a time, through whichever
 * node leads: a new machine (a fresh id, never reused) joins as a learner, is promoted once caught
 * up, and a voter is removed to restore the cluster's size, sometimes the leader itself. A larger
 * cluster sometimes shrinks first and grows back. Voters never drop below three, and the size is odd
 * except between a promotion and the removal that follows it. A removed machine is shut down for
 * good a little after its removal commits.
 *
 * <p>Each step reads the leader's committed membership and does the next thing it needs. The new
 * machine's storage starts from the membership without it, so it never campaigns before it learns
 * the configuration from the leader.
 */
public final class MembershipChanges {

    private static final int MAX_JOINERS = 12;

    private final EventLoop loop;
    private final Cluster cluster;
    private final Random random;
    private final FaultSettings settings;
    private final int targetVoters;
    private final Supplier<Membership> latestCommitted;
    private final Set<NodeId> everMember = new TreeSet<>();
    private final Set<NodeId> stopping = new TreeSet<>();
    private boolean active;
    private long nextChangeAtMicros;
    /** A launched machine not yet in the membership, or null. */
    private NodeId joining;
    private int joinersLaunched;
    private long accepted;

    /**
     * @param latestCommitted the configuration of the highest-index configuration entry any node
     *     applied: a leader's own view may lag it, and only a committed removal may shut a machine down
     */
    public MembershipChanges(EventLoop loop, Cluster cluster, Random random, FaultSettings settings,
            int targetVoters, Supplier<Membership> latestCommitted) {
        this.loop = loop;
        this.cluster = cluster;
        this.random = random;
        this.settings = settings;
        this.targetVoters = targetVoters;
        this.latestCommitted = latestCommitted;
    }

    public void start() {
        active = true;
        nextChangeAtMicros = loop.nowMicros() + FaultSettings.exponential(random, settings.meanMicrosBetweenChanges());
        scheduleStep();
    }

    /** No more changes; removed machines are still shut down. */
    public void stop() {
        active = false;
    }

    private void scheduleStep() {
        loop.after(500_000 + (long) (random.nextDouble() * 1_500_000), this::step);
    }

    private void step() {
        scheduleStep();
        shutDownRemoved(latestCommitted.get());
        SimNode leader = cluster.leader();
        if (leader == null) {
            return;
        }
        Membership m = leader.raft().membership();
        if (active && !m.isJoint()) {
            nextChange(leader, m);
        }
    }

    private void nextChange(SimNode leader, Membership m) {
        TreeSet<NodeId> voters = new TreeSet<>(m.voters());
        TreeSet<NodeId> learners = new TreeSet<>(m.learners());
        if (joining != null && !m.contains(joining)) {
            learners.add(joining);
            propose(leader, voters, learners);
            return;
        }
        joining = null;
        if (!learners.isEmpty()) {
            NodeId promoted = learners.pollFirst();
            voters.add(promoted);
            propose(leader, voters, learners); // refused while it lags; tried again next step
        } else if (voters.size() > targetVoters) {
            voters.remove(victim(leader, voters));
            propose(leader, voters, learners);
        } else if (voters.size() < targetVoters) {
            launchJoiner(leader, m);
        } else if (loop.nowMicros() >= nextChangeAtMicros) {
            nextChangeAtMicros = loop.nowMicros() + FaultSettings.exponential(random, settings.meanMicrosBetweenChanges());
            if (voters.size() > 3 && random.nextBoolean()) {
                voters.remove(victim(leader, voters));
                propose(leader, voters, learners);
            } else {
                launchJoiner(leader, m);
            }
        }
    }

    private NodeId victim(SimNode leader, TreeSet<NodeId> voters) {
        if (random.nextDouble() < 0.4) {
            return leader.id();
        }
        return voters.stream().skip(random.nextInt(voters.size())).findFirst().orElseThrow();
    }

    private void launchJoiner(SimNode leader, Membership m) {
        if (joinersLaunched >= MAX_JOINERS) {
            return;
        }
        NodeId id = NodeId.of(lastId().value() + 1);
        cluster.launch(id, m);
        joinersLaunched++;
        joining = id;
        TreeSet<NodeId> learners = new TreeSet<>(m.learners());
        learners.add(id);
        propose(leader, new TreeSet<>(m.voters()), learners);
    }

    private NodeId lastId() {
        NodeId last = null;
        for (SimNode n : cluster.nodes()) {
            last = n.id();
        }
        return last;
    }

    private void propose(SimNode leader, Set<NodeId> voters, Set<NodeId> learners) {
        if (leader.proposeMembership(voters, learners) instanceof ProposeResult.Accepted) {
            accepted++;
        }
    }

    /** Machines whose removal has committed are shut down a little later, once. */
    private void shutDownRemoved(Membership m) {
        everMember.addAll(m.members());
        for (SimNode n : cluster.nodes()) {
            NodeId id = n.id();
            if (n.status() != SimNode.Status.STOPPED && everMember.contains(id) && !m.contains(id)
                    && stopping.add(id)) {
                loop.after((long) (random.nextDouble() * 2_000_000), () -> cluster.stop(id));
            }
        }
    }

    /** Membership proposals the leader accepted (each step of a change counts). */
    public long accepted() {
        return accepted;
    }
}
