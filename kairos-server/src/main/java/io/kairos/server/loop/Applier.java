package io.kairos.server.loop;

import io.kairos.raft.LogEntry;
import io.kairos.raft.Membership;
import io.kairos.raft.Snapshot;
import io.kairos.raft.SnapshotMeta;
import io.kairos.raft.StateMachine;
import io.kairos.server.loop.ProposalFailedException.Kind;
import io.kairos.storage.SnapshotTrigger;
import io.kairos.storage.snapshot.FileSnapshotPayload;
import io.kairos.storage.snapshot.SnapshotStore;
import io.kairos.storage.snapshot.SnapshotWriter;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The applier thread: owns the state machine and applies committed entries in log order, off the
 * event loop, so that a slow state machine delays results, not replication. It completes client
 * writes with their results, answers reads once it has applied their read index, restores
 * snapshots from the leader, and takes this node's own snapshots.
 *
 * <p>Own snapshots: when the {@link SnapshotTrigger} says one is due, the applier writes the state
 * at its applied index into the snapshot store at once (the state machine is only consistent here),
 * then hands it to the event loop to adopt, which compacts the log, only once it has applied
 * {@code retainedEntries} more: the log keeps that tail for followers slightly behind.
 */
final class Applier implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Applier.class);

    private sealed interface Task permits Apply, Restore, Read, Query, Execute, Stop {
    }

    private record Execute(Runnable action) implements Task {
    }

    private record Apply(List<LogEntry> entries) implements Task {
    }

    private record Restore(Snapshot snapshot) implements Task {
    }

    private record Read(long readIndex, byte[] query, CompletableFuture<byte[]> future) implements Task {
    }

    private record Query(byte[] query, CompletableFuture<byte[]> future) implements Task {
    }

    private record Stop() implements Task {
    }

    private final StateMachine stateMachine;
    private final SnapshotStore store;
    private final SnapshotTrigger.Policy policy;
    private final PendingProposals proposals;
    private final Consumer<Snapshot> adopt;
    private final FatalErrorHandler onFatal;
    private final BlockingQueue<Task> tasks = new LinkedBlockingQueue<>();
    private final AtomicLong queuedEntries = new AtomicLong();
    private final PriorityQueue<Read> waitingReads =
            new PriorityQueue<>((a, b) -> Long.compare(a.readIndex, b.readIndex));
    private final ArrayDeque<Snapshot> captures = new ArrayDeque<>();
    private final Thread thread;

    private SnapshotTrigger trigger;
    private volatile long appliedIndex;
    private long appliedTerm;
    private Membership membership;
    private volatile boolean failed;
    private volatile Runnable afterApply = () -> { };

    Applier(StateMachine stateMachine, SnapshotStore store, SnapshotTrigger.Policy policy, PendingProposals proposals,
            Consumer<Snapshot> adopt, FatalErrorHandler onFatal, String name) {
        this.stateMachine = stateMachine;
        this.store = store;
        this.policy = policy;
        this.proposals = proposals;
        this.adopt = adopt;
        this.onFatal = onFatal;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    /** Restores the state machine from the node's snapshot and starts the thread. */
    void start(Snapshot initial) {
        restore(initial);
        thread.start();
    }

    // --- called by the event loop ------------------------------------------------------------

    void apply(List<LogEntry> committed) {
        queuedEntries.addAndGet(committed.size());
        tasks.add(new Apply(committed));
    }

    void restoreLater(Snapshot snapshot) {
        tasks.add(new Restore(snapshot));
    }

    /** Answers {@code query} once the entries through {@code readIndex} are applied. */
    void read(long readIndex, byte[] query, CompletableFuture<byte[]> future) {
        tasks.add(new Read(readIndex, query, future));
    }

    // --- called by anyone --------------------------------------------------------------------

    /** Answers {@code query} from whatever is applied now (a possibly stale read). */
    void query(byte[] query, CompletableFuture<byte[]> future) {
        tasks.add(new Query(query, future));
    }

    long appliedIndex() {
        return appliedIndex;
    }

    /** Only meaningful on the applier thread. */
    long appliedTerm() {
        return appliedTerm;
    }

    void afterApply(Runnable action) {
        this.afterApply = action;
    }

    void execute(Runnable action) {
        tasks.add(new Execute(action));
    }

    /** Committed entries handed over and not yet applied. */
    long lag() {
        return queuedEntries.get();
    }

    @Override
    public void close() {
        tasks.add(new Stop());
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // --- the thread ---------------------------------------------------------------------------

    private void run() {
        try {
            while (true) {
                Task task = tasks.take();
                if (task instanceof Stop) {
                    break;
                }
                handle(task);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            failed = true;
            onFatal.fatal("the applier failed at index " + appliedIndex, e);
        } finally {
            ProposalFailedException stopped = new ProposalFailedException(Kind.STOPPED, "the node is stopping");
            waitingReads.forEach(r -> r.future.completeExceptionally(stopped));
            for (Task t : tasks) {
                if (t instanceof Read r) {
                    r.future.completeExceptionally(stopped);
                } else if (t instanceof Query q) {
                    q.future.completeExceptionally(stopped);
                }
            }
        }
    }

    private void handle(Task task) {
        if (task instanceof Apply a) {
            for (LogEntry e : a.entries) {
                applyOne(e);
            }
            queuedEntries.addAndGet(-a.entries.size());
            serveReads();
            snapshotIfDue();
            afterApply.run();
        } else if (task instanceof Restore r) {
            restore(r.snapshot);
            serveReads();
            afterApply.run();
        } else if (task instanceof Execute r) {
            r.action.run();
        } else if (task instanceof Read r) {
            waitingReads.add(r);
            serveReads();
        } else if (task instanceof Query q) {
            q.future.complete(stateMachine.query(q.query));
        }
    }

    private void applyOne(LogEntry e) {
        if (e.index() != appliedIndex + 1) {
            throw new IllegalStateException("applying entry " + e.index() + " after " + appliedIndex);
        }
        byte[] result = new byte[0];
        if (e instanceof LogEntry.Command c) {
            result = stateMachine.apply(c.index(), c.payload());
        } else if (e instanceof LogEntry.Config c) {
            membership = c.membership();
        }
        appliedTerm = e.term();
        appliedIndex = e.index();
        trigger.onApplied(e);
        proposals.applied(e.index(), e.term(), result);
    }

    private void serveReads() {
        while (!waitingReads.isEmpty() && waitingReads.peek().readIndex <= appliedIndex) {
            Read r = waitingReads.poll();
            r.future.complete(stateMachine.query(r.query));
        }
    }

    private void restore(Snapshot snapshot) {
        if (!(snapshot.payload() instanceof FileSnapshotPayload file)) {
            throw new IllegalArgumentException("snapshot " + snapshot.index() + " is not a file: " + snapshot.payload());
        }
        try (InputStream in = file.openContent()) {
            stateMachine.restore(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot restore the state machine from " + file, e);
        }
        appliedIndex = snapshot.index();
        appliedTerm = snapshot.term();
        membership = snapshot.meta().membership();
        trigger = new SnapshotTrigger(policy, snapshot.index());
        captures.clear();
        proposals.coveredBySnapshot(snapshot.index());
        log.info("state machine restored from snapshot {}@{}", snapshot.index(), snapshot.term());
    }

    private void snapshotIfDue() {
        if (trigger.dueIndex() >= 0) {
            SnapshotMeta meta = new SnapshotMeta(appliedIndex, appliedTerm, membership);
            try (SnapshotWriter writer = store.begin(meta)) {
                stateMachine.writeSnapshot(writer.content());
                captures.addLast(writer.commit());
            } catch (IOException e) {
                throw new IllegalStateException("cannot write a snapshot at " + appliedIndex, e);
            }
            trigger.onSnapshot(appliedIndex);
        }
        while (!captures.isEmpty() && captures.peekFirst().index() + policy.retainedEntries() <= appliedIndex) {
            adopt.accept(captures.pollFirst());
        }
    }

    boolean failed() {
        return failed;
    }
}
