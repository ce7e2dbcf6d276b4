package io.kairos.sim.sched;

import io.kairos.raft.Membership;
import io.kairos.raft.NodeId;
import io.kairos.sim.check.InvariantViolation;
import io.kairos.sim.event.EventLoop;
import io.kairos.sim.net.Network;
import io.kairos.sim.net.NetworkProfile;
import io.kairos.scheduler.job.Task;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * One seed's scheduler run: masters running the scheduler, 2-4 workers and a client on one
 * virtual-time loop. Every source of randomness derives from {@code Random(seed)} in a fixed order.
 *
 * <p>The run: faults for the duration; the final heal (faults stop, partitions lift, the networks
 * become reliable, every master and worker is back, paused jobs are resumed); the settle period,
 * at whose end the client must be done and a leader must run its duties; then the end-state
 * invariants ({@link EndState}). The apply-time invariants ({@link SchedulerChecks}) hold all along.
 */
public final class SchedulerSimulation {

    /** Wall-clock epochs to start from: daylight-saving changes in Berlin and New York, and a plain day. */
    private static final long[] EPOCHS = {
        1_774_745_940_000L, // 2026-03-29T00:59:00Z, Berlin springs forward at 01:00Z
        1_792_893_540_000L, // 2026-10-25T00:59:00Z, Berlin falls back at 01:00Z
        1_793_512_740_000L, // 2026-11-01T05:59:00Z, New York falls back at 06:00Z
        1_795_651_200_000L, // 2026-11-26T00:00:00Z
    };

    private final SchedulerParams params;
    private final long seed;
    private final EventLoop loop = new EventLoop();
    private final SchedulerRecorder recorder;
    private final SchedulerWorld world;
    private final List<MasterNode> masters = new ArrayList<>();
    private final List<SimWorker> workers = new ArrayList<>();
    private final SchedulerClient client;
    private final SchedulerFaults faults;
    private final List<Workload.PlannedJob> jobs;
    private final Network network;

    private SchedulerSimulation(SchedulerParams params, long seed, PrintStream trace) {
        this.params = params;
        this.seed = seed;
        Random master = new Random(seed);
        Random shape = new Random(master.nextLong());
        this.recorder = new SchedulerRecorder(loop, trace);
        NetworkProfile profile = params.faults().network() ? NetworkProfile.lossy(shape) : NetworkProfile.reliable();
        this.network = new Network(loop, new Random(master.nextLong()), profile);
        WireNet wire = new WireNet(loop, new Random(master.nextLong()),
                params.faults().network() ? shape.nextDouble() * 0.05 : 0, 1_000 + shape.nextInt(30_000));
        long epoch = EPOCHS[shape.nextInt(EPOCHS.length)] + shape.nextInt(60) * 1_000L;
        this.world = new SchedulerWorld(loop, network, wire, new SchedulerChecks(params.digestEvery(), recorder),
                recorder, epoch, params.masters(), masters);
        NodeId[] ids = new NodeId[params.masters()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = NodeId.of(i + 1);
        }
        Membership initial = Membership.ofVoters(ids);
        Random nodeSeeds = new Random(master.nextLong());
        for (NodeId id : ids) {
            MasterNode m = new MasterNode(id, initial, world, new Random(nodeSeeds.nextLong()));
            masters.add(m);
            wire.attach(m.name(), m::onWire);
        }
        network.attach(msg -> {
            MasterNode m = masters.get(msg.to().value() - 1);
            boolean up = m.isUp();
            m.deliver(msg);
            return up;
        });
        Random workerSeeds = new Random(master.nextLong());
        int count = 2 + workerSeeds.nextInt(3);
        for (int i = 1; i <= count; i++) {
            Set<String> tags = new TreeSet<>();
            if (i == 1 || workerSeeds.nextBoolean()) {
                tags.add(Task.SHELL_TAG);
            }
            workers.add(new SimWorker("w" + i, tags, 2 + workerSeeds.nextInt(4), world,
                    new Random(workerSeeds.nextLong())));
        }
        this.jobs = Workload.draw(new Random(master.nextLong()), epoch);
        this.client = new SchedulerClient(world, new Random(master.nextLong()), jobs);
        this.faults = new SchedulerFaults(world, new Random(master.nextLong()), masters, workers,
                params.faults().crashes(), params.faults().network());
        // Drawn last, so that adding clock steps left every other draw of a seed as it was.
        faults.stepClocksWith(new Random(master.nextLong()));
        recorder.log("seed " + seed + ": epoch " + java.time.Instant.ofEpochMilli(epoch) + ", " + profile
                + ", workers " + workers + ", masters' clocks " + masters.stream().map(MasterNode::clock).toList());
    }

    public static SchedulerResult run(SchedulerParams params, long seed) {
        return new SchedulerSimulation(params, seed, null).execute();
    }

    public static SchedulerResult runTraced(SchedulerParams params, long seed, PrintStream trace) {
        return new SchedulerSimulation(params, seed, trace).execute();
    }

    private SchedulerResult execute() {
        String violation = null;
        try {
            for (MasterNode m : masters) {
                m.start();
            }
            for (SimWorker w : workers) {
                w.start();
            }
            client.start();
            faults.start();
            loop.runUntil(params.durationMicros());
            healForGood();
            loop.runUntil(loop.nowMicros() + params.settleMicros());
            checkEnd();
        } catch (InvariantViolation v) {
            violation = v.getMessage();
        } catch (RuntimeException e) {
            violation = "exception: " + describe(e);
        }
        recorder.log(violation == null ? "run complete" : "VIOLATION " + violation);
        Map<String, Long> counters = new java.util.TreeMap<>(recorder.counters());
        counters.put("elections", world.checks().elections());
        counters.put("workers", (long) workers.size());
        counters.put("wire messages delivered", world.wire().delivered());
        counters.put("raft messages delivered", network.delivered());
        return new SchedulerResult(seed, params, loop.nowMicros(), violation, recorder.fingerprint(), counters);
    }

    private void healForGood() {
        recorder.log("final heal");
        faults.stop();
        network.heal();
        network.setProfile(NetworkProfile.reliable());
        world.wire().healAll();
        world.wire().makeReliable();
        for (MasterNode m : masters) {
            m.start();
        }
        for (SimWorker w : workers) {
            w.resume();
            w.start();
        }
        client.enterFinalPhase();
    }

    private void checkEnd() {
        if (!client.isIdle()) {
            throw new InvariantViolation("liveness", "the client's commands did not all commit within "
                    + params.settleMicros() / 1_000_000 + " s of the final heal");
        }
        MasterNode leader = activeLeader();
        Map<String, String> first = EndState.suspects(leader.state(), workers, leader.wallMillis());
        loop.runUntil(loop.nowMicros() + 5_000_000);
        leader = activeLeader();
        EndState.checkStuck(first, EndState.suspects(leader.state(), workers, leader.wallMillis()));
        EndState.checkFiring(leader.state(), jobs);
        for (MasterNode m : masters) {
            if (m.isUp()) {
                SchedulerChecks.checkUniqueRuns(m.name(), m.state());
            }
        }
        recorder.mix(java.util.Arrays.hashCode(leader.state().digest()));
        for (var job : leader.state().jobs()) {
            recorder.add("scheduled fires", job.firedCount());
            recorder.add("scheduled fires skipped", job.skippedFires());
        }
    }

    private MasterNode activeLeader() {
        MasterNode best = null;
        for (MasterNode m : masters) {
            if (m.isActiveLeader() && (best == null || m.term() > best.term())) {
                best = m;
            }
        }
        if (best == null) {
            throw new InvariantViolation("liveness", "no leader running its duties after the final heal: " + masters);
        }
        return best;
    }

    private static String describe(RuntimeException e) {
        StringBuilder s = new StringBuilder(e.toString());
        StackTraceElement[] trace = e.getStackTrace();
        for (int i = 0; i < Math.min(trace.length, 12); i++) {
            s.append("\n    at ").append(trace[i]);
        }
        return s.toString();
    }
}
