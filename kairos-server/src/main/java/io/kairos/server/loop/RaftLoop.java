package io.kairos.server.loop;

import io.kairos.raft.HardState;
import io.kairos.raft.Membership;
import io.kairos.raft.NodeId;
import io.kairos.raft.ProposeResult;
import io.kairos.raft.RaftNode;
import io.kairos.raft.ReadResult;
import io.kairos.raft.ReadState;
import io.kairos.raft.Ready;
import io.kairos.raft.Role;
import io.kairos.raft.Snapshot;
import io.kairos.raft.StateMachine;
import io.kairos.raft.message.AppendRequest;
import io.kairos.raft.message.InstallSnapshot;
import io.kairos.raft.message.Message;
import io.kairos.server.loop.ProposalFailedException.Kind;
import io.kairos.storage.DurableStorage;
import io.kairos.storage.SnapshotTrigger;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's event loop: one thread owns the {@link RaftNode} and its {@link DurableStorage},
 * and everything else talks to it through a bounded inbox. Each turn it takes what arrived
 * (messages from peers, client proposals and reads), ticks the core on the wall clock, and handles
 * every {@link Ready}:
 *
 * <ol>
 *   <li>a leader sends its {@code AppendRequest}s first, so followers write while it does
 *       (Raft thesis §10.2.1; the core counts the leader's own entries only after this write);
 *   <li>persist: snapshot, entries, one {@code sync}, then the hard state when term or vote changed
 *       (the commit index at most once a second: see {@link #mustStore}) (group commit: every proposal
 *       that arrived while the previous write was in progress goes into this one);
 *   <li>send the other messages (a follower's answers only after its write);
 *   <li>hand the snapshot and committed entries to the {@link Applier}, and confirmed reads too;
 *   <li>advance.
 * </ol>
 *
 * <p>Back-pressure: a full inbox answers a proposal or read {@link Kind#BUSY} at once and drops a
 * peer's message (Raft resends); so does an applier more than {@code maxApplyLag} entries behind.
 * Nothing here grows without bound and nothing makes the leader step down.
 */
public final class RaftLoop implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RaftLoop.class);

    /** Where messages go: the transport. Never blocks; false when a message is dropped. */
    @FunctionalInterface
    public interface Outbox {
        boolean send(Message m);
    }

    private final RaftNode raft;
    private final DurableStorage storage;
    private final Applier applier;
    private final Outbox outbox;
    private final PendingProposals proposals;
    private final FatalErrorHandler onFatal;
    private final long tickNanos;
    private final long maxApplyLag;
    private final Clock clock;
    private final BlockingQueue<Runnable> inbox;
    private final Thread thread;
    private final Map<Long, PendingRead> reads = new HashMap<>();
    private final AtomicLong droppedMessages = new AtomicLong();
    /**
     * Where callers' continuations run: the applier completes proposals and reads, and whatever a
     * caller chains on them (building an HTTP answer, serialising JSON) must not run on the applier,
     * the one thread every entry of the cluster passes through.
     */
    private final java.util.concurrent.ExecutorService completions;

    private record PendingRead(byte[] query, CompletableFuture<byte[]> future) {
    }

    /** A client's request in the inbox, failed with its future if the loop stops before running it. */
    private record ClientTask(Runnable action, CompletableFuture<?> future) implements Runnable {
        @Override
        public void run() {
            action.run();
        }
    }

    /** Inbox entries one turn takes before it ticks and handles the Ready. */
    private static final int MAX_EVENTS_PER_TURN = 4_096;
    /** How often a commit index that moved on is written to the hard-state file at most. */
    private static final long COMMIT_STORE_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** The hard state last written to the storage. */
    private HardState storedHardState;
    private long storedAtNanos;
    private long nextReadId = 1;
    private volatile boolean running = true;
    private volatile Membership membership;
    private NodeId lastLeader;
    private long lastTerm;
    private Instant lastLeaderChange;
    /** The term this node leads, or -1: published for the applier thread's leader duties. */
    private volatile long leadingTerm = -1;
    private volatile NodeId knownLeader;

    /**
     * How the loop runs.
     *
     * @param tickMillis wall time per Raft tick
     * @param inboxCapacity requests and messages waiting for the loop before new ones are refused
     * @param maxApplyLag committed entries the applier may be behind before proposals are refused
     * @param snapshots when the applier snapshots the state machine
     */
    public record Settings(long tickMillis, int inboxCapacity, long maxApplyLag, SnapshotTrigger.Policy snapshots) {

        public Settings {
            if (tickMillis < 1 || inboxCapacity < 1 || maxApplyLag < 1 || snapshots == null) {
                throw new IllegalArgumentException("tick, inbox capacity and apply lag must be positive, snapshots set");
            }
        }

        public static Settings defaults(long tickMillis) {
            return new Settings(tickMillis, 16_384, 100_000, SnapshotTrigger.Policy.defaults());
        }
    }

    private RaftLoop(RaftNode raft, DurableStorage storage, StateMachine stateMachine, Settings settings,
            Outbox outbox, FatalErrorHandler onFatal, Clock clock) {
        this.raft = raft;
        this.storage = storage;
        this.outbox = outbox;
        this.proposals = new PendingProposals();
        this.onFatal = onFatal;
        this.tickNanos = TimeUnit.MILLISECONDS.toNanos(settings.tickMillis());
        this.maxApplyLag = settings.maxApplyLag();
        this.clock = clock;
        this.inbox = new ArrayBlockingQueue<>(settings.inboxCapacity());
        this.applier = new Applier(stateMachine, storage.snapshotStore(), settings.snapshots(), proposals, this::adopt,
                onFatal, "applier-" + raft.id());
        this.membership = raft.membership();
        this.storedHardState = storage.hardState();
        this.storedAtNanos = System.nanoTime();
        this.lastLeaderChange = clock.instant();
        this.thread = new Thread(this::run, "raft-loop-" + raft.id());
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        this.completions = java.util.concurrent.Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "completions-" + raft.id() + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * A loop over {@code raft} and its {@code storage} (which it owns from now on), applying to
     * {@code stateMachine}. Call {@link #start} once the outbox can send.
     */
    public static RaftLoop create(RaftNode raft, DurableStorage storage, StateMachine stateMachine, Settings settings,
            Outbox outbox, FatalErrorHandler onFatal) {
        return new RaftLoop(raft, storage, stateMachine, settings, outbox, onFatal, Clock.systemUTC());
    }

    /** Restores the state machine from the storage's snapshot and starts the applier and the loop. */
    public void start() {
        applier.start(storage.snapshot());
        thread.start();
    }

    // --- from any thread ----------------------------------------------------------------------

    /** A peer's message; dropped (and counted) when the inbox is full. */
    public void deliver(Message m) {
        if (!running || !inbox.offer(() -> step(m))) {
            droppedMessages.incrementAndGet();
        }
    }

    /**
     * Proposes a command; the future completes with the state machine's result once applied. It
     * completes on a completions thread, where what the caller chains on it runs.
     */
    public CompletableFuture<byte[]> propose(byte[] command) {
        CompletableFuture<byte[]> future = new CompletableFuture<>();
        if (applier.lag() > maxApplyLag) {
            future.completeExceptionally(new ProposalFailedException(Kind.BUSY,
                    "the state machine is " + applier.lag() + " entries behind; retry shortly"));
        } else {
            submit(() -> doPropose(command, future), future);
        }
        return offApplier(future);
    }

    /** A linearizable read: confirmed by the leader's read index, answered once that is applied. */
    public CompletableFuture<byte[]> read(byte[] query) {
        CompletableFuture<byte[]> future = new CompletableFuture<>();
        submit(() -> doRead(query, future), future);
        return offApplier(future);
    }

    /** A read from this node's applied state, possibly stale, on any node. */
    public CompletableFuture<byte[]> staleRead(byte[] query) {
        CompletableFuture<byte[]> future = new CompletableFuture<>();
        applier.query(query, future);
        return offApplier(future);
    }

    /** The same outcome, with dependents run on a completions thread rather than the completing one. */
    public <T> CompletableFuture<T> offApplier(CompletableFuture<T> future) {
        CompletableFuture<T> hopped = new CompletableFuture<>();
        future.whenComplete((value, error) -> {
            try {
                completions.execute(() -> {
                    if (error != null) {
                        hopped.completeExceptionally(error instanceof java.util.concurrent.CompletionException
                                && error.getCause() != null ? error.getCause() : error);
                    } else {
                        hopped.complete(value);
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                hopped.completeExceptionally(new ProposalFailedException(Kind.STOPPED, "the node is stopping"));
            }
        });
        return hopped;
    }

    /**
     * Runs {@code action} on the applier thread after every batch of applied entries (and after a
     * snapshot restore): where code that reads the state machine reacts to its changes. Set
     * before {@link #start}.
     */
    public void afterApply(Runnable action) {
        applier.afterApply(action);
    }

    /** Runs {@code action} on the applier thread, in order with applies; the one place to read the state machine. */
    public void onApplierThread(Runnable action) {
        applier.execute(action);
    }

    /** The term this node leads as of the loop's last turn, or -1 when it is not the leader. */
    public long leadingTerm() {
        return leadingTerm;
    }

    /** The leader this node knows of, or null. */
    public NodeId knownLeader() {
        return knownLeader;
    }

    /** The term of the last entry the state machine applied; call on the applier thread. */
    public long appliedTerm() {
        return applier.appliedTerm();
    }

    /** This node's view of the cluster, taken on the loop. */
    public CompletableFuture<NodeStatus> status() {
        CompletableFuture<NodeStatus> future = new CompletableFuture<>();
        submit(() -> future.complete(snapshotStatus()), future);
        return future;
    }

    /** The membership in effect, as of the loop's last turn. */
    public Membership membership() {
        return membership;
    }

    public long droppedMessages() {
        return droppedMessages.get();
    }

    public NodeId id() {
        return raft.id();
    }

    private void submit(Runnable action, CompletableFuture<?> future) {
        if (!running) {
            future.completeExceptionally(new ProposalFailedException(Kind.STOPPED, "the node is stopping"));
        } else if (!inbox.offer(new ClientTask(action, future))) {
            future.completeExceptionally(new ProposalFailedException(Kind.BUSY,
                    "the node's queue is full (" + inbox.size() + " requests); retry shortly"));
        }
    }

    // --- the loop -----------------------------------------------------------------------------

    private void run() {
        long nextTick = System.nanoTime() + tickNanos;
        try {
            while (running) {
                long wait = nextTick - System.nanoTime();
                Runnable first = wait > 0 ? inbox.poll(wait, TimeUnit.NANOSECONDS) : inbox.poll();
                if (first != null) {
                    first.run();
                    // Take what else arrived, so it joins this turn's write; but only so much, or a
                    // steady stream of requests would starve the ticks (heartbeats) and the writes.
                    Runnable next;
                    for (int taken = 1; taken < MAX_EVENTS_PER_TURN && (next = inbox.poll()) != null; taken++) {
                        next.run();
                    }
                }
                long now = System.nanoTime();
                if (now - nextTick >= 0) {
                    raft.tick();
                    nextTick += tickNanos;
                    if (now - nextTick > 10 * tickNanos) {
                        // Badly late (a long GC pause): do not fire a burst of ticks to catch up.
                        nextTick = now + tickNanos;
                    }
                }
                handleReadies();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            running = false;
            onFatal.fatal("the event loop of " + raft.id() + " failed", e);
        } finally {
            running = false;
            failWaiting();
        }
    }

    private void step(Message m) {
        if (m instanceof InstallSnapshot install && install.snapshot().payload() != null) {
            try {
                m = new InstallSnapshot(install.from(), install.to(), install.term(),
                        SnapshotImport.intoStore(install.snapshot(), storage.snapshotStore()));
            } catch (IOException | RuntimeException e) {
                log.warn("dropping snapshot {}@{} from {}: {}", install.snapshot().index(), install.snapshot().term(),
                        install.from(), e.toString());
                return;
            }
        }
        raft.step(m);
    }

    private void doPropose(byte[] command, CompletableFuture<byte[]> future) {
        ProposeResult result = raft.propose(command);
        if (result instanceof ProposeResult.Accepted a) {
            proposals.register(a.index(), a.term(), future);
        } else if (result instanceof ProposeResult.NotLeader n) {
            future.completeExceptionally(new ProposalFailedException(Kind.NOT_LEADER, n.leaderHint(),
                    raft.id() + " is not the leader" + (n.leaderHint() == null ? "; no leader is known" : "; "
                            + n.leaderHint() + " is")));
        } else if (result instanceof ProposeResult.Busy b) {
            future.completeExceptionally(new ProposalFailedException(Kind.BUSY, b.reason()));
        } else if (result instanceof ProposeResult.Refused r) {
            future.completeExceptionally(new ProposalFailedException(Kind.REFUSED, r.reason()));
        }
    }

    private void doRead(byte[] query, CompletableFuture<byte[]> future) {
        long id = nextReadId++;
        ReadResult result = raft.read(id);
        if (result instanceof ReadResult.Queued) {
            reads.put(id, new PendingRead(query, future));
        } else if (result instanceof ReadResult.NotLeader n) {
            future.completeExceptionally(new ProposalFailedException(Kind.NOT_LEADER, n.leaderHint(),
                    raft.id() + " is not the leader" + (n.leaderHint() == null ? "; no leader is known" : "; "
                            + n.leaderHint() + " is")));
        }
    }

    private void handleReadies() {
        while (raft.hasReady()) {
            Ready rd = raft.ready();
            boolean leader = rd.softState().role() == Role.LEADER;
            if (leader) {
                for (Message m : rd.messages()) {
                    if (m instanceof AppendRequest) {
                        send(m);
                    }
                }
            }
            persist(rd);
            for (Message m : rd.messages()) {
                if (!(leader && m instanceof AppendRequest)) {
                    send(m);
                }
            }
            if (rd.snapshot() != null) {
                applier.restoreLater(rd.snapshot());
            }
            if (!rd.committedEntries().isEmpty()) {
                applier.apply(rd.committedEntries());
            }
            for (ReadState rs : rd.readStates()) {
                PendingRead read = reads.remove(rs.requestId());
                if (read != null) {
                    applier.read(rs.readIndex(), read.query, read.future);
                }
            }
            raft.advance(rd);
            noteLeadership(rd);
        }
    }

    private void persist(Ready rd) {
        boolean wrote = false;
        if (rd.snapshot() != null) {
            storage.installSnapshot(rd.snapshot());
            wrote = true;
        }
        if (!rd.entries().isEmpty()) {
            storage.append(rd.entries());
            wrote = true;
        }
        if (wrote) {
            storage.sync();
        }
        if (rd.hardState() != null && mustStore(rd.hardState())) {
            storage.setHardState(rd.hardState());
            storedHardState = rd.hardState();
            storedAtNanos = System.nanoTime();
        }
    }

    /**
     * Term and vote are stored before anything is sent (Raft's persistent state). The commit index
     * is volatile state (Raft figure 2): a restarted node relearns it from the leader, so storing
     * it with every Ready would add two fsyncs (the hard-state file is replaced atomically) to
     * every write's latency for nothing. It is stored at most once a second, and on close, so that
     * a restart applies most of what it knew before it hears a leader.
     */
    private boolean mustStore(HardState next) {
        return next.term() != storedHardState.term() || !Objects.equals(next.votedFor(), storedHardState.votedFor())
                || (next.commitIndex() > storedHardState.commitIndex()
                        && System.nanoTime() - storedAtNanos >= COMMIT_STORE_INTERVAL_NANOS);
    }

    private void send(Message m) {
        if (!outbox.send(m)) {
            log.debug("dropped {} to {}: its queue is full or it is unknown", m.getClass().getSimpleName(), m.to());
        }
    }

    /** Publishes the membership; on losing leadership fails the reads the core will never confirm. */
    private void noteLeadership(Ready rd) {
        membership = rd.softState().membership();
        NodeId leader = rd.softState().leader();
        long term = rd.softState().term();
        if (term != lastTerm || (leader == null ? lastLeader != null : !leader.equals(lastLeader))) {
            lastLeaderChange = clock.instant();
            if (raft.id().equals(lastLeader) && !raft.id().equals(leader)) {
                failReads(new ProposalFailedException(Kind.NOT_LEADER, leader,
                        raft.id() + " lost the leadership before confirming the read; retry"));
            }
            lastLeader = leader;
            lastTerm = term;
            knownLeader = leader;
            leadingTerm = raft.id().equals(leader) ? term : -1;
        }
    }

    private void failReads(ProposalFailedException failure) {
        reads.values().forEach(r -> r.future.completeExceptionally(failure));
        reads.clear();
    }

    private NodeStatus snapshotStatus() {
        Map<NodeId, NodeStatus.Follower> followers = new TreeMap<>();
        if (raft.role() == Role.LEADER) {
            for (NodeId member : raft.membership().members()) {
                if (!member.equals(raft.id())) {
                    long match = raft.matchIndexOf(member);
                    followers.put(member, new NodeStatus.Follower(match, Math.max(0, raft.lastIndex() - match)));
                }
            }
        }
        return new NodeStatus(raft.id(), raft.role(), raft.term(), raft.leader(), raft.commitIndex(),
                applier.appliedIndex(), raft.lastIndex(), storage.snapshot().index(), followers, lastLeaderChange, raft.membership());
    }

    private void failWaiting() {
        ProposalFailedException stopped = new ProposalFailedException(Kind.STOPPED, raft.id() + " is stopping");
        failReads(stopped);
        proposals.failAll(stopped);
        for (Runnable r; (r = inbox.poll()) != null; ) {
            if (r instanceof ClientTask task) {
                task.future.completeExceptionally(stopped);
            }
        }
    }

    /**
     * Stops the loop after its current turn (within a tick), then the applier, and closes the
     * storage (releasing the data directory); whatever was written stays written.
     * The thread is not interrupted: an interrupt during file I/O would close the log's channels.
     */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        applier.close();
        try {
            if (!thread.isAlive() && !raft.hardState().equals(storedHardState)) {
                storage.setHardState(raft.hardState());
            }
        } catch (RuntimeException e) {
            log.warn("storing the last hard state of {} failed: {}", raft.id(), e.toString());
        }
        try {
            storage.close();
        } catch (IOException e) {
            log.warn("closing the storage of {} failed: {}", raft.id(), e.toString());
        }
        completions.shutdown(); // what is queued still runs: the callers' failures reach them
    }

    /** Whether the loop still runs (false after close or a fatal error). */
    public boolean isRunning() {
        return running && thread.isAlive();
    }

    /** Adopts a snapshot the applier wrote, on the loop. */
    void adopt(Snapshot snapshot) {
        if (!inbox.offer(() -> adoptNow(snapshot))) {
            log.warn("inbox full: snapshot {}@{} not adopted now; a later one will be", snapshot.index(),
                    snapshot.term());
        }
    }

    private void adoptNow(Snapshot snapshot) {
        try {
            storage.adoptSnapshot(snapshot);
            log.info("log compacted through snapshot {}@{}", snapshot.index(), snapshot.term());
        } catch (IllegalArgumentException e) {
            // The log moved on under it (a leader's snapshot replaced it): harmless, skip it.
            log.info("not adopting snapshot {}@{}: {}", snapshot.index(), snapshot.term(), e.getMessage());
        }
    }
}
