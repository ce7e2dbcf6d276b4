package io.kairos.sim.sched;

import io.kairos.raft.NodeId;
import io.kairos.sim.event.EventLoop;
import io.kairos.sim.net.Network;
import io.kairos.sim.net.Partition;
import io.kairos.sim.net.PartitionShapes;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Faults of a scheduler run, until {@link #stop}: masters crash (at most one down at a time, but
 * now and then a majority at once for 4-9 s) and
 * are isolated from the other masters or from the workers; workers crash, pause for less or more
 * than the lease, are cut off from all or one of the masters, and leave gracefully for a while; a
 * master's wall clock is stepped by up to 20 s either way and stepped back 2-10 s later. An
 * operator transfers leadership every 5-15 s, in every mix.
 */
final class SchedulerFaults {

    private final EventLoop loop;
    private final Random random;
    private final List<MasterNode> masters;
    private final List<SimWorker> workers;
    private final Network network;
    private final WireNet wire;
    private final SchedulerRecorder recorder;
    private final boolean machines;
    private final boolean net;
    private boolean stopped;
    private Random steps;

    SchedulerFaults(SchedulerWorld world, Random random, List<MasterNode> masters, List<SimWorker> workers,
            boolean machines, boolean net) {
        this.loop = world.loop();
        this.random = random;
        this.masters = masters;
        this.workers = workers;
        this.network = world.network();
        this.wire = world.wire();
        this.recorder = world.recorder();
        this.machines = machines;
        this.net = net;
    }

    /** Steps masters' wall clocks (a machine fault) with draws from {@code steps}; before {@link #start}. */
    void stepClocksWith(Random steps) {
        this.steps = steps;
    }

    void start() {
        loop.after(5_000_000 + random.nextInt(10_000_000), this::transfer);
        if (machines && steps != null) {
            loop.after(4_000_000 + steps.nextInt(10_000_000), this::clockStep);
        }
        if (machines || net) {
            loop.after(3_000_000 + random.nextInt(6_000_000), this::masterFault);
            loop.after(2_000_000 + random.nextInt(4_000_000), this::workerFault);
        }
    }

    void stop() {
        stopped = true;
    }

    /** An operator's leadership transfer (not a fault: in every mix), every 5-15 s. */
    private void transfer() {
        if (stopped) {
            return;
        }
        MasterNode target = masters.get(random.nextInt(masters.size()));
        for (MasterNode m : masters) {
            if (m != target && m.transferLeadership(target.id())) {
                recorder.count("leadership transfers");
                recorder.log(m.name() + " transfers leadership to " + target.name());
            }
        }
        loop.after(5_000_000 + random.nextInt(10_000_000), this::transfer);
    }

    private void masterFault() {
        if (stopped) {
            return;
        }
        MasterNode m = masters.get(random.nextInt(masters.size()));
        boolean allUp = masters.stream().allMatch(MasterNode::isUp);
        int dice = random.nextInt(3);
        if (machines && allUp && random.nextInt(8) == 0) {
            // Quorum lost for 4-9 s: no leader, no Tick; what falls due meanwhile comes late, and
            // past the 5 s misfire threshold the misfire policies decide.
            long down = 4_000_000 + random.nextInt(5_000_000);
            for (int i = 0; i < masters.size() / 2 + 1; i++) {
                MasterNode victim = masters.get(i);
                victim.crash();
                recorder.count("master crashes");
                loop.after(down + random.nextInt(500_000), victim::start);
            }
            recorder.count("quorum losses");
            recorder.log("a majority of masters crashes for " + down / 1_000 + " ms");
        } else if (machines && (dice == 0 || !net) && allUp) {
            m.crash();
            recorder.count("master crashes");
            recorder.log(m.name() + " crashes");
            loop.after(300_000 + random.nextInt(5_000_000), () -> {
                m.start();
                recorder.log(m.name() + " restarts");
            });
        } else if (net && dice == 1) {
            List<NodeId> others = new ArrayList<>();
            for (MasterNode o : masters) {
                if (o != m) {
                    others.add(o.id());
                }
            }
            Partition p = PartitionShapes.isolate(m.id(), others);
            network.impose(p);
            recorder.count("master partitions");
            recorder.log("partition " + p);
            loop.after(1_000_000 + random.nextInt(4_000_000), () -> network.lift(p));
        } else if (net) {
            Set<String> names = new TreeSet<>();
            for (SimWorker w : workers) {
                names.add(w.name());
            }
            names.add(SchedulerClient.NAME);
            wire.cut(m.name(), names);
            recorder.count("master cut from workers");
            recorder.log(m.name() + " cut from workers and client");
            loop.after(1_000_000 + random.nextInt(4_000_000), () -> wire.uncut(m.name(), names));
        }
        loop.after(4_000_000 + random.nextInt(8_000_000), this::masterFault);
    }

    /**
     * A master's wall clock jumps 0.5-20 s ahead or back, and is put right 2-10 s later: a leader's
     * Ticks follow it (fires come early, or wait for the clock), but leases run on the elapsed
     * clock, so no worker may be declared lost for it.
     */
    private void clockStep() {
        if (stopped) {
            return;
        }
        MasterNode m = masters.get(steps.nextInt(masters.size()));
        long micros = (500_000 + steps.nextInt(19_500_000)) * (steps.nextBoolean() ? 1L : -1L);
        m.clock().step(micros);
        recorder.count("master clock steps");
        recorder.log(m.name() + "'s wall clock steps " + micros / 1_000 + " ms");
        loop.after(2_000_000 + steps.nextInt(8_000_000), () -> {
            m.clock().step(-micros);
            recorder.log(m.name() + "'s wall clock is put right");
        });
        loop.after(8_000_000 + steps.nextInt(12_000_000), this::clockStep);
    }

    private void workerFault() {
        if (stopped) {
            return;
        }
        SimWorker w = workers.get(random.nextInt(workers.size()));
        int dice = random.nextInt(10);
        long lease = MasterNode.LEASE_MILLIS * 1_000;
        if (machines && dice < 3) {
            if (w.isUp()) {
                w.crash();
                recorder.count("worker crashes");
                loop.after(500_000 + random.nextInt(8_000_000), w::start);
            }
        } else if (machines && dice < 6) {
            boolean long_ = random.nextBoolean();
            w.pause(long_ ? lease + 500_000 + random.nextInt(4_000_000) : 200_000 + random.nextInt(1_800_000));
            recorder.count(long_ ? "worker pauses beyond the lease" : "worker pauses within the lease");
        } else if (net && dice < 9) {
            Set<String> cut = new TreeSet<>();
            if (random.nextBoolean()) {
                for (MasterNode m : masters) {
                    cut.add(m.name());
                }
            } else {
                cut.add(masters.get(random.nextInt(masters.size())).name());
            }
            wire.cut(w.name(), cut);
            recorder.count("worker partitions");
            recorder.log(w.name() + " cut from " + cut);
            loop.after(500_000 + random.nextInt(6_000_000), () -> wire.uncut(w.name(), cut));
        } else if (w.isUp()) {
            w.leave();
            recorder.count("worker leaves");
        }
        loop.after(1_500_000 + random.nextInt(4_000_000), this::workerFault);
    }
}
