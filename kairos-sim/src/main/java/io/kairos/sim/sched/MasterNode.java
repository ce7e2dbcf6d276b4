package io.kairos.sim.sched;

import io.kairos.raft.LogEntry;
import io.kairos.raft.Membership;
import io.kairos.raft.MemoryStorage;
import io.kairos.raft.NodeId;
import io.kairos.raft.ProposeResult;
import io.kairos.raft.RaftConfig;
import io.kairos.raft.RaftNode;
import io.kairos.raft.Ready;
import io.kairos.raft.Role;
import io.kairos.raft.Snapshot;
import io.kairos.raft.message.AppendRequest;
import io.kairos.raft.message.Message;
import io.kairos.scheduler.SchedulerStateMachine;
import io.kairos.scheduler.command.Command;
import io.kairos.scheduler.command.CommandCodec;
import io.kairos.scheduler.command.Result;
import io.kairos.scheduler.command.ResultCodec;
import io.kairos.scheduler.leader.LeaderDuties;
import io.kairos.scheduler.leader.PollAnswer;
import io.kairos.sim.event.EventLoop;
import io.kairos.sim.net.Network;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.TreeMap;

/**
 * One master: a {@link RaftNode} over a disk in memory that lands each Ready's writes after a
 * delay (a crash loses the write in progress or keeps a prefix of it), applying committed entries
 * to a {@link SchedulerStateMachine}. While it leads, and once it has applied an entry of its own
 * term, it runs {@link LeaderDuties} on its own wall clock after every applied batch and whenever
 * the duties' next wake time passes (checked on every 10 ms tick), and answers worker polls from
 * its applied state; otherwise it answers "not the leader" with its leader hint.
 */
final class MasterNode {

    static final long LEASE_MILLIS = 3_000;
    static final long PROPOSAL_RETRY_MILLIS = 1_000;

    private record Waiter(long term, String requester, long requestId) {
    }

    private final NodeId id;
    private final String name;
    private final SchedulerWorld world;
    private final MasterClock clock;
    private final Random random;
    /** What survives a crash: the landed writes. */
    private final MemoryStorage disk;
    private final SchedulerCompaction compaction;

    private boolean up;
    private int incarnation;
    private RaftNode raft;
    private Ready writing;
    private SchedulerStateMachine state;
    private long appliedIndex;
    private long appliedTerm;
    private Membership membership;
    private LeaderDuties duties;
    private long dutiesTerm;
    private boolean dutiesDue;
    private final Map<Long, Waiter> waiters = new TreeMap<>();

    MasterNode(NodeId id, Membership bootstrap, SchedulerWorld world, Random random) {
        this.id = id;
        this.name = Wire.master(id);
        this.world = world;
        this.random = random;
        this.clock = new MasterClock(world.epochMillis(), random);
        this.disk = MemoryStorage.bootstrap(bootstrap);
        this.compaction = new SchedulerCompaction(60 + random.nextInt(120));
    }

    // --- life ------------------------------------------------------------------------------

    void start() {
        if (up) {
            return;
        }
        up = true;
        incarnation++;
        RaftConfig config = RaftConfig.builder(id, new Random(random.nextLong())).electionTimeoutTicks(30)
                .heartbeatTicks(3).leaseDriftMarginTicks(5).maxEntriesPerMessage(16).maxInflightMessages(8)
                .maxUncommittedEntries(1_000).preVote(true).checkQuorum(true).build();
        raft = new RaftNode(config, disk);
        restore(disk.snapshot());
        int life = incarnation;
        long interval = clock.tickIntervalMicros();
        loop().after(random.nextLong(interval), () -> tick(life, interval));
    }

    void crash() {
        if (!up) {
            return;
        }
        Ready rd = writing;
        writing = null;
        if (rd != null && random.nextBoolean()) {
            int kept = random.nextInt(rd.entries().size() + 1);
            persist(rd, kept, kept == rd.entries().size());
        }
        up = false;
        incarnation++;
        raft = null;
        state = null;
        duties = null;
        dutiesTerm = 0;
        waiters.clear();
    }

    private void tick(int life, long interval) {
        if (life != incarnation) {
            return;
        }
        raft.tick();
        // The duties' timer: their next wake time, on this machine's clock, looked at every tick.
        if (duties != null) {
            OptionalLong wake = duties.nextWakeDelayMillis(wallMillis(), elapsedMillis(), state);
            if (wake.isPresent() && wake.getAsLong() == 0) {
                dutiesDue = true;
            }
        }
        afterInput();
        loop().after(interval, () -> tick(life, interval));
    }

    // --- inputs ----------------------------------------------------------------------------

    void deliver(Message m) {
        if (!up) {
            return;
        }
        raft.step(m);
        afterInput();
    }

    /** An operator asks this master, if it leads, to hand leadership to {@code target}. */
    boolean transferLeadership(NodeId target) {
        if (!up || raft.role() != Role.LEADER) {
            return false;
        }
        boolean accepted = raft.transferLeadership(target) instanceof ProposeResult.Accepted;
        afterInput();
        return accepted;
    }

    /** A worker's or client's message. */
    void onWire(Wire m) {
        if (!up) {
            return;
        }
        if (m instanceof Wire.Request r) {
            onRequest(r);
        } else if (m instanceof Wire.Poll p) {
            onPoll(p);
        } else {
            throw new AssertionError("a master does not take " + m);
        }
        afterInput();
    }

    private void onRequest(Wire.Request r) {
        if (duties != null && r.command() instanceof Command.RegisterWorker reg) {
            duties.onHeartbeat(reg.workerId(), false, elapsedMillis()); // a registration renews the lease too
        }
        ProposeResult p = raft.propose(CommandCodec.encode(r.command()));
        if (p instanceof ProposeResult.Accepted a) {
            Waiter old = waiters.put(a.index(), new Waiter(a.term(), r.from(), r.requestId()));
            if (old != null) {
                answer(old, null);
            }
        } else {
            world.wire().send(new Wire.Verdict(name, r.from(), r.requestId(), raft.term(), null, leaderHint()));
        }
    }

    private void onPoll(Wire.Poll p) {
        if (duties == null) {
            world.wire().send(new Wire.PollReply(name, p.from(), p.pollId(), raft.term(), null, leaderHint()));
            return;
        }
        duties.onHeartbeat(p.from(), p.draining(), elapsedMillis());
        PollAnswer answer = duties.answerPoll(p.from(), p.held(), state);
        if (!answer.cancels().isEmpty()) {
            MasterNode ahead = this;
            for (MasterNode m : world.masterNodes()) {
                if (m.isUp() && m.appliedIndex() > ahead.appliedIndex()) {
                    ahead = m;
                }
            }
            world.checks().onPollAnswered(name, p.from(), answer.cancels(), ahead.name(), ahead.state());
        }
        world.wire().send(new Wire.PollReply(name, p.from(), p.pollId(), dutiesTerm, answer, id.value()));
    }

    private int leaderHint() {
        NodeId leader = raft.leader();
        return leader == null ? 0 : leader.value();
    }

    private void afterInput() {
        pump();
        if (raft.role() != Role.LEADER) {
            duties = null;
            dutiesTerm = 0;
            dutiesDue = false;
            return;
        }
        // LeaderDuties' contract: a term's duties begin once an entry of that term is applied.
        if (dutiesTerm != raft.term() && appliedTerm == raft.term()) {
            duties = new LeaderDuties(LEASE_MILLIS, PROPOSAL_RETRY_MILLIS);
            duties.onElected(elapsedMillis(), state);
            dutiesTerm = raft.term();
            dutiesDue = true;
            world.checks().onDutiesBegin(this);
        }
        if (duties != null && dutiesDue) {
            dutiesDue = false;
            for (Command c : duties.commandsDue(wallMillis(), elapsedMillis(), state)) {
                world.recorder().proposed(this, c);
                raft.propose(CommandCodec.encode(c));
            }
            pump();
        }
    }

    // --- Ready handling --------------------------------------------------------------------

    private void pump() {
        while (up && writing == null && raft.hasReady()) {
            Ready rd = raft.ready();
            if (rd.snapshot() != null || !rd.entries().isEmpty() || rd.hardState() != null) {
                boolean appendsFirst = rd.softState().role() == Role.LEADER;
                if (appendsFirst) {
                    for (Message m : rd.messages()) {
                        if (m instanceof AppendRequest) {
                            world.network().send(m);
                        }
                    }
                }
                writing = rd;
                int life = incarnation;
                loop().after(100 + random.nextLong(2_000), () -> landed(life, rd, appendsFirst));
                return;
            }
            finish(rd, false);
        }
    }

    private void landed(int life, Ready rd, boolean appendsSent) {
        if (life != incarnation) {
            return;
        }
        writing = null;
        persist(rd, rd.entries().size(), true);
        finish(rd, appendsSent);
        afterInput();
    }

    private void persist(Ready rd, int entryCount, boolean hardState) {
        if (rd.snapshot() != null) {
            disk.installSnapshot(rd.snapshot());
        }
        disk.append(rd.entries().subList(0, entryCount));
        if (hardState && rd.hardState() != null) {
            disk.setHardState(rd.hardState());
        }
    }

    private void finish(Ready rd, boolean appendsSent) {
        for (Message m : rd.messages()) {
            if (!(appendsSent && m instanceof AppendRequest)) {
                world.network().send(m);
            }
        }
        if (rd.snapshot() != null) {
            restore(rd.snapshot());
        }
        for (LogEntry e : rd.committedEntries()) {
            apply(e);
        }
        if (!rd.committedEntries().isEmpty()) {
            dutiesDue = true;
            if (compaction.afterApply(appliedIndex, membership, state, disk)) {
                world.recorder().snapshotTaken();
            }
        }
        raft.advance(rd);
    }

    private void apply(LogEntry e) {
        if (e.index() != appliedIndex + 1) {
            throw new IllegalStateException(name + " applying " + e + " after index " + appliedIndex);
        }
        appliedIndex = e.index();
        appliedTerm = e.term();
        Result result = null;
        if (e instanceof LogEntry.Config c) {
            membership = c.membership();
        } else if (e instanceof LogEntry.Command c) {
            Command command = CommandCodec.decode(c.payload());
            SchedulerChecks.Before before = world.checks().before(command, state);
            result = ResultCodec.decode(state.apply(e.index(), c.payload()));
            world.checks().applied(name, state, e.index(), command, before, result);
        }
        Waiter w = waiters.remove(e.index());
        if (w != null) {
            answer(w, w.term() == e.term() ? result : null);
        }
    }

    private void answer(Waiter w, Result result) {
        world.wire().send(new Wire.Verdict(name, w.requester(), w.requestId(), raft.term(), result, leaderHint()));
    }

    private void restore(Snapshot s) {
        state = new SchedulerStateMachine();
        if (s.payload() instanceof SchedulerPayload p) {
            try {
                state.restore(new ByteArrayInputStream(p.bytes()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        appliedIndex = s.index();
        appliedTerm = s.term();
        membership = s.meta().membership();
        List<Long> moot = new ArrayList<>();
        for (long index : waiters.keySet()) {
            if (index <= appliedIndex) {
                moot.add(index);
            }
        }
        for (long index : moot) {
            answer(waiters.remove(index), null);
        }
        compaction.reset(appliedIndex);
        world.checks().restored(name, state, appliedIndex);
    }

    // --- observation -----------------------------------------------------------------------

    private EventLoop loop() {
        return world.loop();
    }

    long wallMillis() {
        return clock.wallMillis(loop().nowMicros());
    }

    /** The clock of this master's leases and proposals in flight (LeaderDuties' elapsed clock). */
    long elapsedMillis() {
        return clock.elapsedMillis(loop().nowMicros());
    }

    NodeId id() {
        return id;
    }

    String name() {
        return name;
    }

    boolean isUp() {
        return up;
    }

    /** Leads with its duties running. */
    boolean isActiveLeader() {
        return up && duties != null;
    }

    long term() {
        return raft == null ? 0 : raft.term();
    }

    long appliedIndex() {
        return appliedIndex;
    }

    /** The applied state; null while down. */
    SchedulerStateMachine state() {
        return state;
    }

    MasterClock clock() {
        return clock;
    }

    @Override
    public String toString() {
        return up ? raft + " applied=" + appliedIndex + (duties != null ? " duties" : "") : name + "[down]";
    }
}
