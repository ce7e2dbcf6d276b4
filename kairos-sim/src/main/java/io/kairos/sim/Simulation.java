package io.kairos.sim;

import io.kairos.raft.Membership;
import io.kairos.raft.NodeId;
import io.kairos.sim.check.InvariantViolation;
import io.kairos.sim.check.Invariants;
import io.kairos.sim.check.Linearizability;
import io.kairos.sim.check.Liveness;
import io.kairos.sim.client.Client;
import io.kairos.sim.client.ClientContext;
import io.kairos.sim.client.LoadPhases;
import io.kairos.sim.event.EventLoop;
import io.kairos.sim.fault.CrashFaults;
import io.kairos.sim.fault.LeadershipTransfers;
import io.kairos.sim.fault.MembershipChanges;
import io.kairos.sim.fault.PartitionFaults;
import io.kairos.sim.history.History;
import io.kairos.sim.net.Network;
import io.kairos.sim.net.NetworkProfile;
import io.kairos.sim.node.Cluster;
import io.kairos.sim.node.DiskFaultCounters;
import io.kairos.sim.node.NodeDisk;
import io.kairos.sim.node.NodeContext;
import io.kairos.sim.node.NodeSettings;
import io.kairos.sim.node.SimNode;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * One seed's run: a cluster, its network, clients, faults and operator on one virtual-time loop
 * in one thread. Every source of randomness derives from a single {@code Random(seed)}, in a fixed
 * order, so the same seed and parameters give the same run.
 *
 * <p>The run: faults and operator actions for {@code durationMicros}, then the final heal (no more
 * faults, every partition lifted, every crashed machine restarted, clients finish up), then the
 * cluster has {@code livenessWindowMicros} to settle, then the history must be linearizable. The
 * first violation stops the run.
 */
public final class Simulation {

    private static final long SETTLE_POLL_MICROS = 100_000;
    /** Wall time the linearizability check may take; a check that does not finish fails the run. */
    private static final Duration LINEARIZABILITY_TIMEOUT = Duration.ofSeconds(60);

    private final SimulationParams params;
    private final long seed;
    private final EventLoop loop = new EventLoop();
    private final Network network;
    private final Invariants invariants = new Invariants();
    private final RunRecorder recorder;
    private final Cluster cluster;
    private final History history = new History();
    private final List<Client> clients = new ArrayList<>();
    private final CrashFaults crashes;
    private final PartitionFaults partitions;
    private final MembershipChanges membership;
    private final LeadershipTransfers transfers;
    private final Membership initial;
    /** This seed's node settings and network, drawn from the seed. */
    private final NodeSettings settings;
    private final NetworkProfile profile;
    /** Where durable disks keep their files, or null for disks in memory. */
    private final ScratchDirectory scratch;
    private final DiskFaultCounters diskFaults = new DiskFaultCounters();

    private Simulation(SimulationParams params, long seed, PrintStream trace) {
        this.params = params;
        this.seed = seed;
        Random master = new Random(seed);
        Random shape = new Random(master.nextLong());
        this.settings = params.node().varied(shape);
        this.profile = params.faults().network() ? NetworkProfile.lossy(shape) : NetworkProfile.reliable();
        this.network = new Network(loop, new Random(master.nextLong()), profile);
        NodeId[] ids = new NodeId[params.nodes()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = NodeId.of(i + 1);
        }
        this.initial = Membership.ofVoters(ids);
        this.recorder = new RunRecorder(loop, invariants, initial, trace);
        this.scratch = params.storage() == StorageKind.DURABLE ? ScratchDirectory.create(seed) : null;
        NodeDisk.Factory disks = scratch == null ? NodeDisk.Factory.memory()
                : NodeDisk.Factory.durable(scratch.path(), diskFaults);
        this.cluster = new Cluster(new NodeContext(loop, network, recorder, settings, new Random(master.nextLong()),
                disks));
        network.attach(cluster::deliver);
        invariants.watch(cluster);
        LoadPhases phases = new LoadPhases(new Random(master.nextLong()), 10_000_000, 3_000_000);
        ClientContext clientContext = new ClientContext(loop, cluster, history, params.clients(), phases);
        Random clientSeeds = new Random(master.nextLong());
        for (int i = 0; i < params.clients().clients(); i++) {
            clients.add(new Client(i, new Random(clientSeeds.nextLong()), clientContext));
        }
        this.crashes = new CrashFaults(loop, cluster, new Random(master.nextLong()), params.faultRates(), params.nodes());
        this.partitions = new PartitionFaults(loop, cluster, network, new Random(master.nextLong()), params.faultRates());
        this.membership = new MembershipChanges(loop, cluster, new Random(master.nextLong()), params.faultRates(),
                params.nodes(), recorder::latestCommitted);
        this.transfers = new LeadershipTransfers(loop, cluster, new Random(master.nextLong()), params.faultRates());
    }

    /** Runs one seed. */
    public static SimulationResult run(SimulationParams params, long seed) {
        return new Simulation(params, seed, null).execute();
    }

    /** Runs one seed, printing every event to {@code trace}. */
    public static SimulationResult runTraced(SimulationParams params, long seed, PrintStream trace) {
        return new Simulation(params, seed, trace).execute();
    }

    private SimulationResult execute() {
        String violation = null;
        try {
            boot();
            loop.runUntil(params.durationMicros());
            healForGood();
            awaitSettled();
            Linearizability.check(history.records(), LINEARIZABILITY_TIMEOUT);
        } catch (InvariantViolation v) {
            violation = v.getMessage();
        } catch (RuntimeException e) {
            violation = "exception: " + describe(e);
        } finally {
            cluster.closeDisks();
            if (scratch != null) {
                scratch.delete();
            }
        }
        recorder.log(violation == null ? "run complete" : "VIOLATION " + violation);
        return result(violation);
    }

    private void boot() {
        recorder.log("seed " + seed + ": " + settings + ", " + profile);
        for (NodeId id : initial.members()) {
            cluster.launch(id, initial);
        }
        for (Client c : clients) {
            c.start();
        }
        if (params.faults().crashes()) {
            crashes.start();
            recorder.onNewLeader(leader -> crashes.onNewLeader(leader.id()));
        }
        if (params.faults().network()) {
            partitions.start();
        }
        membership.start();
        transfers.start();
    }

    /** No more faults or operator actions; a whole, reliable network; every crashed machine back. */
    private void healForGood() {
        recorder.log("final heal");
        crashes.stop();
        partitions.stop();
        membership.stop();
        transfers.stop();
        network.heal();
        network.setProfile(NetworkProfile.reliable());
        crashes.restartAll();
        for (Client c : clients) {
            c.enterFinalPhase();
        }
    }

    private void awaitSettled() {
        long deadline = loop.nowMicros() + params.livenessWindowMicros();
        while (true) {
            loop.runUntil(Math.min(loop.nowMicros() + SETTLE_POLL_MICROS, deadline));
            Optional<String> unsettled = Liveness.unsettled(cluster, clients);
            if (unsettled.isEmpty()) {
                return;
            }
            if (loop.nowMicros() >= deadline) {
                throw new InvariantViolation("liveness", "not settled " + params.livenessWindowMicros() / 1_000_000
                        + " s after the final heal: " + unsettled.get() + "; nodes: " + cluster.nodes());
            }
        }
    }

    private long snapshotsTaken() {
        long taken = 0;
        for (SimNode n : cluster.nodes()) {
            taken += n.snapshotsTaken();
        }
        return taken;
    }

    private static String describe(RuntimeException e) {
        StringBuilder s = new StringBuilder(e.toString());
        StackTraceElement[] trace = e.getStackTrace();
        for (int i = 0; i < Math.min(trace.length, 12); i++) {
            s.append("\n    at ").append(trace[i]);
        }
        return s.toString();
    }

    private SimulationResult result(String violation) {
        long writes = 0;
        long reads = 0;
        long unknown = 0;
        for (Client c : clients) {
            writes += c.writesCompleted();
            reads += c.readsCompleted();
            unknown += c.abandoned();
        }
        return new SimulationResult(seed, params.nodes(), params.faults(), params.durationMicros() / 1_000_000,
                loop.nowMicros(), invariants.elections(), recorder.commits(), writes, reads, unknown, crashes.crashes(),
                crashes.restarts(), partitions.partitions(), network.dropped(), network.duplicated(),
                recorder.membershipChanges(), transfers.accepted(), snapshotsTaken(), recorder.snapshotsDelivered(), network.delivered(),
                recorder.fingerprint(), params.storage(), diskFaults.tornTails(), violation);
    }
}
