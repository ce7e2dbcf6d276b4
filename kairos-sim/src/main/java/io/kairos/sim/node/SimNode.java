package io.kairos.sim.node;

import io.kairos.raft.LogEntry;
import io.kairos.raft.Membership;
import io.kairos.raft.Storage;
import io.kairos.raft.NodeId;
import io.kairos.raft.ProposeResult;
import io.kairos.raft.RaftNode;
import io.kairos.raft.ReadResult;
import io.kairos.raft.ReadState;
import io.kairos.raft.Ready;
import io.kairos.raft.Role;
import io.kairos.raft.message.AppendRequest;
import io.kairos.raft.message.Message;
import io.kairos.sim.kv.KvCommand;
import io.kairos.sim.kv.KvSnapshot;
import java.util.Random;
import java.util.Set;

/**
 * One simulated member: a {@link RaftNode} on a machine with a clock (its own tick interval and
 * phase), a {@link Disk}, and the key-value state machine. It handles each Ready as the core
 * documents: persist (the disk takes a while; only a leader's appends leave before the write
 * lands), send, restore and apply, serve reads, advance. It asks for no new Ready while a write is
 * in progress, but keeps ticking and taking messages.
 *
 * <p>A crash keeps only the storage; {@link #start()} brings the node back from it. Events of an
 * earlier life (ticks, write completions) are recognised by their incarnation and ignored.
 */
public final class SimNode {

    /** Whether the machine runs. */
    public enum Status { UP, DOWN, STOPPED }

    private final NodeId id;
    private final NodeContext ctx;
    private final NodeDisk disk;
    private final Compaction compaction;
    private final Random lifeSeeds;
    private final long tickIntervalMicros;
    private final long tickPhaseMicros;

    private Status status = Status.DOWN;
    private int incarnation;
    /** The running core, or null while down. */
    private RaftNode raft;
    /** The disk's storage while up, or null. */
    private Storage storage;
    private AppliedState applied;
    private ClientWaiters waiters;

    SimNode(NodeId id, Membership bootstrap, NodeContext ctx) {
        this.id = id;
        this.ctx = ctx;
        NodeSettings s = ctx.settings();
        Random r = new Random(ctx.seeds().nextLong());
        this.disk = ctx.disks().create(id, bootstrap, new Random(r.nextLong()), s);
        this.lifeSeeds = new Random(r.nextLong());
        long drift = s.tickMicros() * (r.nextInt(2 * s.maxDriftPpm() + 1) - s.maxDriftPpm()) / 1_000_000;
        this.tickIntervalMicros = s.tickMicros() + drift;
        this.tickPhaseMicros = r.nextLong(tickIntervalMicros);
        int every = s.minSnapshotEveryEntries() + r.nextInt(s.maxSnapshotEveryEntries() - s.minSnapshotEveryEntries() + 1);
        this.compaction = new Compaction(every, s.retainedLogEntries());
    }

    // --- life ------------------------------------------------------------------------------

    /** Boots the machine from what its disk holds. */
    void start() {
        if (status != Status.DOWN) {
            throw new IllegalStateException(id + " cannot start: it is " + status);
        }
        status = Status.UP;
        incarnation++;
        storage = disk.open();
        raft = new RaftNode(ctx.settings().raftConfig(id, new Random(lifeSeeds.nextLong())), storage);
        applied = new AppliedState(storage.snapshot(), disk.content(storage.snapshot()));
        waiters = new ClientWaiters();
        compaction.reset(applied.index());
        ctx.observer().onStart(this, storage);
        scheduleTick(incarnation, firstTickAfter(ctx.loop().nowMicros()));
    }

    /** The machine dies: everything but the disk's landed writes is lost. */
    void crash() {
        if (status != Status.UP) {
            return;
        }
        disk.crash();
        status = Status.DOWN;
        incarnation++;
        storage = null;
        raft = null;
        applied = null;
        waiters = null;
    }

    /** Shuts the node down for good (it was removed from the cluster). */
    void stop() {
        crash();
        status = Status.STOPPED;
    }

    private long firstTickAfter(long nowMicros) {
        long k = nowMicros < tickPhaseMicros ? 0 : (nowMicros - tickPhaseMicros) / tickIntervalMicros + 1;
        return tickPhaseMicros + k * tickIntervalMicros;
    }

    private void scheduleTick(int life, long atMicros) {
        ctx.loop().at(atMicros, () -> {
            if (life == incarnation) {
                raft.tick();
                afterInput();
                scheduleTick(life, atMicros + tickIntervalMicros);
            }
        });
    }

    // --- inputs ----------------------------------------------------------------------------

    /** A message arrives; returns whether the node was running to take it. */
    boolean deliver(Message m) {
        if (status != Status.UP) {
            return false;
        }
        ctx.observer().onDelivered(m);
        raft.step(disk.incoming(m));
        afterInput();
        return true;
    }

    /**
     * A client proposes a write here. When accepted, {@code callback} later hears whether the
     * entry committed (in a separate event, as a reply over the network would).
     *
     * @return the core's answer, or null if the node is down (the connection is refused)
     */
    public ProposeResult propose(KvCommand command, WriteCallback callback) {
        if (status != Status.UP) {
            return null;
        }
        ProposeResult r = raft.propose(command.encode());
        if (r instanceof ProposeResult.Accepted a) {
            waiters.awaitWrite(a.index(), a.term(), committed -> ctx.loop().after(0, () -> callback.outcome(committed)));
        }
        afterInput();
        return r;
    }

    /**
     * A client reads {@code key} here, linearizably. When the core confirms the read and the node
     * has applied up to its read index, {@code callback} gets the value (in a separate event).
     *
     * @return the core's answer, or null if the node is down
     */
    public ReadResult read(long requestId, String key, ReadCallback callback) {
        if (status != Status.UP) {
            return null;
        }
        ReadResult r = raft.read(requestId);
        if (r instanceof ReadResult.Queued) {
            // The confirmation comes out in a later Ready, so registering now is in time.
            waiters.awaitRead(requestId, key, value -> ctx.loop().after(0, () -> callback.served(value)));
        }
        afterInput();
        return r;
    }

    /** An operator's membership change, or null if the node is down. */
    public ProposeResult proposeMembership(Set<NodeId> voters, Set<NodeId> learners) {
        if (status != Status.UP) {
            return null;
        }
        ProposeResult r = raft.proposeMembership(voters, learners);
        afterInput();
        return r;
    }

    /** An operator's leadership transfer, or null if the node is down. */
    public ProposeResult transferLeadership(NodeId target) {
        if (status != Status.UP) {
            return null;
        }
        ProposeResult r = raft.transferLeadership(target);
        afterInput();
        return r;
    }

    private void afterInput() {
        pump();
        ctx.observer().afterInput(this, raft);
    }

    // --- Ready handling --------------------------------------------------------------------

    private void pump() {
        while (raft != null && !disk.isWriting() && raft.hasReady()) {
            Ready rd = raft.ready();
            ctx.observer().onReady(this, rd);
            if (NodeDisk.needsWrite(rd)) {
                // Thesis §10.2.1: a leader may send its appends before its own write lands.
                boolean appendsFirst = rd.softState().role() == Role.LEADER;
                if (appendsFirst) {
                    for (Message m : rd.messages()) {
                        if (m instanceof AppendRequest) {
                            ctx.network().send(disk.outgoing(m));
                        }
                    }
                }
                int life = incarnation;
                ctx.loop().after(disk.begin(rd), () -> onWriteLanded(life, rd, appendsFirst));
                return;
            }
            finish(rd, false);
        }
    }

    private void onWriteLanded(int life, Ready rd, boolean appendsSent) {
        if (life != incarnation) {
            return; // the machine crashed meanwhile; Disk.crash() decided what landed
        }
        disk.complete();
        finish(rd, appendsSent);
        afterInput();
    }

    /** Everything after the write: send, restore and apply, serve reads, advance. */
    private void finish(Ready rd, boolean appendsSent) {
        for (Message m : rd.messages()) {
            if (!(appendsSent && m instanceof AppendRequest)) {
                ctx.network().send(disk.outgoing(m));
            }
        }
        if (rd.snapshot() != null) {
            applied.restore(rd.snapshot(), disk.content(rd.snapshot()));
            waiters.onRestored(applied.index());
            compaction.reset(applied.index());
        }
        for (LogEntry e : rd.committedEntries()) {
            KvCommand command = applied.apply(e);
            boolean tookEffect = command != null && applied.applyCommand(command);
            ctx.observer().onApplied(this, e, command, tookEffect);
            waiters.onApplied(e);
        }
        for (ReadState rs : rd.readStates()) {
            waiters.onReadState(rs);
        }
        waiters.serveReads(applied.index(), applied.kv());
        if (!rd.committedEntries().isEmpty()) {
            compaction.afterApply(applied, disk, storage.snapshot().index());
        }
        raft.advance(rd);
    }

    // --- observation -----------------------------------------------------------------------

    public NodeId id() {
        return id;
    }

    public Status status() {
        return status;
    }

    public boolean isUp() {
        return status == Status.UP;
    }

    /** The running core, for observation and operator actions; null while the node is down. */
    public RaftNode raft() {
        return raft;
    }

    /** The index the state machine has applied, or -1 while down. */
    public long appliedIndex() {
        return applied == null ? -1 : applied.index();
    }

    /** The state machine's full content, for comparing replicas; only while up. */
    public KvSnapshot stateMachineContent() {
        return applied.kv().snapshot();
    }

    /** What the core runs on; null while down. */
    public Storage storage() {
        return storage;
    }

    /** Releases the disk at the end of the run. */
    void closeDisk() {
        disk.close();
    }

    /** Snapshots this node took of its own state machine, compacting its log, over all its lives. */
    public long snapshotsTaken() {
        return compaction.snapshotsTaken();
    }

    @Override
    public String toString() {
        return raft != null ? raft + " applied=" + applied.index() : id + "[" + status + "]";
    }
}
