package io.kairos.storage.wal;

import io.kairos.raft.LogEntry;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongFunction;

/**
 * A thread-safe front over one {@link WriteAheadLog} that shares each fsync among every append
 * queued while the previous one ran (group commit).
 *
 * <p>Any thread may append. One dedicated writer thread ({@value #THREAD_NAME}, not a daemon) takes
 * everything queued, appends it to the log in queue order, calls {@link WriteAheadLog#sync} once,
 * and only then completes each append's future with the index of its last entry. No future
 * completes before its entries are forced. Futures complete on the writer thread, so a non-async
 * callback runs there and delays the next batch: keep callbacks short or use the async variants.
 *
 * <p>Indexes: {@link #append} writes entries at the indexes they carry, so the caller keeps them
 * consecutive (in production the Raft event loop is the only appender); an append the log refuses
 * (a gap, say) fails its own future with {@link IllegalArgumentException} and harms nothing else.
 * An append that rewrites a suffix (a follower resolving a conflict) is written as the log does it;
 * earlier appends of the same batch whose entries it replaced fail with {@link IllegalStateException}
 * instead of being acknowledged.
 * {@link #appendNext} instead lets the writer assign the next free index, so that concurrent
 * appenders (benchmarks, crash tests) never collide.
 *
 * <p>Back-pressure: at most {@code maxQueuedEntries} entries wait for the writer. An append that
 * would exceed that does not block: its future fails at once with {@link GroupCommitBusyException}
 * and nothing of it is written, so the caller may retry. (An append larger than the whole bound is
 * accepted when the queue is empty, so it cannot starve.)
 *
 * <p>Failure: if the log fails to write or force, every append in that batch, every queued one and
 * every later one fails with that cause. Nothing is retried or acknowledged again: after a failed
 * fsync the kernel may have dropped the pages, so the node must stop and recover by reopening.
 *
 * <p>{@link #close} stops accepting appends, lets the writer drain, force and acknowledge what was
 * queued, stops the writer and closes the log.
 */
public final class GroupCommitLog implements Closeable {

    static final String THREAD_NAME = "kairos-wal-group-commit";

    private final WriteAheadLog wal;
    private final int maxQueuedEntries;
    private final Thread writer;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition queuedOrClosing = lock.newCondition();
    /** Appends waiting for the writer, oldest first. Guarded by {@link #lock}. */
    private final ArrayDeque<Request> queue = new ArrayDeque<>();
    /** Entries in {@link #queue}. Invariant: 0 <= queuedEntries, and <= maxQueuedEntries unless one request exceeds it. */
    private int queuedEntries;
    private boolean closing;
    /** The failure that poisoned the log, or null while healthy. Guarded by {@link #lock}. */
    private Throwable failure;
    private final AtomicLong syncCount = new AtomicLong();

    /**
     * Starts the writer over {@code wal}, which this object now owns: nobody else may touch it until
     * {@link #close} has returned, and close closes it.
     */
    public GroupCommitLog(WriteAheadLog wal, int maxQueuedEntries) {
        if (maxQueuedEntries < 1) {
            throw new IllegalArgumentException("maxQueuedEntries must be >= 1, got " + maxQueuedEntries);
        }
        this.wal = wal;
        this.maxQueuedEntries = maxQueuedEntries;
        this.writer = new Thread(this::runWriter, THREAD_NAME);
        writer.setDaemon(false);
        writer.start();
    }

    /**
     * Queues {@code entries} (contiguous, ascending, following what is already queued) and returns a
     * future completed with the last entry's index once they are durable.
     */
    public CompletableFuture<Long> append(List<LogEntry> entries) {
        List<LogEntry> copy = List.copyOf(entries);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("nothing to append");
        }
        return enqueue(new Request(copy, 0, null, copy.size()));
    }

    /** {@link #append(List)} of one entry. */
    public CompletableFuture<Long> append(LogEntry entry) {
        return append(List.of(entry));
    }

    /**
     * Appends a command in {@code term} at the next free index, assigned by the writer; the future
     * carries that index once the entry is durable.
     */
    public CompletableFuture<Long> appendNext(byte[] payload, long term) {
        byte[] copy = payload.clone();
        return appendNext(term, index -> copy);
    }

    /**
     * Like {@link #appendNext(byte[], long)}, with the payload made from the assigned index by
     * {@code payloadAt}, which runs on the writer thread and must be quick.
     */
    public CompletableFuture<Long> appendNext(long term, LongFunction<byte[]> payloadAt) {
        if (term < 1) {
            throw new IllegalArgumentException("term must be >= 1, got " + term);
        }
        return enqueue(new Request(null, term, payloadAt, 1));
    }

    /** How many times the writer has forced the log: appends per sync is the batching achieved. */
    public long syncCount() {
        return syncCount.get();
    }

    /**
     * Stops accepting appends, waits for the writer to make durable and acknowledge everything
     * queued, then closes the log. Appends after this fail with {@link IllegalStateException}.
     */
    @Override
    public void close() throws IOException {
        if (Thread.currentThread() == writer) {
            throw new IllegalStateException("close called from a callback on the writer thread, which would wait for itself");
        }
        lock.lock();
        try {
            closing = true;
            queuedOrClosing.signalAll();
        } finally {
            lock.unlock();
        }
        boolean interrupted = false;
        while (writer.isAlive()) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        wal.close();
    }

    @Override
    public String toString() {
        return "GroupCommitLog[" + wal + ", " + syncCount() + " syncs]";
    }

    private CompletableFuture<Long> enqueue(Request request) {
        lock.lock();
        try {
            if (failure != null) {
                return CompletableFuture.failedFuture(failure);
            }
            if (closing) {
                return CompletableFuture.failedFuture(new IllegalStateException("group commit log is closed"));
            }
            if (queuedEntries > 0 && queuedEntries + request.entryCount > maxQueuedEntries) {
                return CompletableFuture.failedFuture(new GroupCommitBusyException(queuedEntries, maxQueuedEntries));
            }
            queue.add(request);
            queuedEntries += request.entryCount;
            queuedOrClosing.signal();
            return request.done;
        } finally {
            lock.unlock();
        }
    }

    private void runWriter() {
        List<Request> batch = new ArrayList<>();
        while (takeBatch(batch)) {
            try {
                writeAndSync(batch);
            } catch (Throwable e) {
                poison(e, batch);
                if (e instanceof Error) {
                    throw (Error) e;
                }
                return;
            }
            batch.clear();
        }
    }

    /** Moves every queued request into {@code batch}, waiting for one; false once closing with nothing queued. */
    private boolean takeBatch(List<Request> batch) {
        lock.lock();
        try {
            while (queue.isEmpty() && !closing) {
                queuedOrClosing.awaitUninterruptibly();
            }
            if (queue.isEmpty()) {
                return false;
            }
            batch.addAll(queue);
            queue.clear();
            queuedEntries = 0;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes the batch, then forces once and acknowledges the requests written. Requests that simply
     * continue the log are merged into one append (one write call); a request that starts anywhere
     * else (a follower replacing a conflicting suffix, or a bad request) is appended on its own. A
     * request the log refuses fails alone; an I/O failure propagates and poisons everything.
     */
    private void writeAndSync(List<Request> batch) throws IOException {
        List<Request> written = new ArrayList<>(batch.size());
        List<Request> run = new ArrayList<>();
        List<LogEntry> runEntries = new ArrayList<>();
        for (Request request : batch) {
            long next = runEntries.isEmpty() ? wal.lastIndex() + 1 : runEntries.get(runEntries.size() - 1).index() + 1;
            List<LogEntry> entries;
            try {
                entries = request.entriesAt(next);
            } catch (RuntimeException e) {
                request.done.completeExceptionally(e);
                continue;
            }
            if (entries.get(0).index() == next && contiguous(entries)) {
                request.lastIndex = entries.get(entries.size() - 1).index();
                run.add(request);
                runEntries.addAll(entries);
                continue;
            }
            appendRun(run, runEntries, written);
            try {
                wal.append(entries);
            } catch (IllegalArgumentException e) {
                // Refused before anything was written: the log is intact.
                request.done.completeExceptionally(e);
                continue;
            }
            failOverwritten(written, entries.get(0).index());
            written.add(request);
            request.lastIndex = entries.get(entries.size() - 1).index();
        }
        appendRun(run, runEntries, written);
        if (written.isEmpty()) {
            return;
        }
        wal.sync();
        syncCount.incrementAndGet();
        for (Request request : written) {
            request.done.complete(request.lastIndex);
        }
    }

    /** Appends a run of requests that continue the log, as one append, and empties it. */
    private void appendRun(List<Request> run, List<LogEntry> runEntries, List<Request> written) throws IOException {
        if (run.isEmpty()) {
            return;
        }
        wal.append(runEntries);
        written.addAll(run);
        run.clear();
        runEntries.clear();
    }

    private static boolean contiguous(List<LogEntry> entries) {
        for (int i = 1; i < entries.size(); i++) {
            if (entries.get(i).index() != entries.get(i - 1).index() + 1) {
                return false;
            }
        }
        return true;
    }

    /**
     * Fails the earlier requests of this batch whose entries a later one replaced from {@code index}
     * on (a follower truncating a conflicting suffix) before they were ever forced: acknowledging
     * them would claim entries the log no longer holds.
     */
    private static void failOverwritten(List<Request> written, long index) {
        for (var it = written.iterator(); it.hasNext(); ) {
            Request earlier = it.next();
            if (earlier.lastIndex >= index) {
                it.remove();
                earlier.done.completeExceptionally(new IllegalStateException("entries up to " + earlier.lastIndex
                        + " were replaced from index " + index + " by a later append before they were forced"));
            }
        }
    }

    private void poison(Throwable cause, List<Request> batch) {
        List<Request> doomed = new ArrayList<>(batch);
        lock.lock();
        try {
            failure = cause;
            doomed.addAll(queue);
            queue.clear();
            queuedEntries = 0;
        } finally {
            lock.unlock();
        }
        for (Request request : doomed) {
            request.done.completeExceptionally(cause);
        }
    }

    /** One append: either fixed entries, or one command whose index the writer assigns. */
    private static final class Request {
        final List<LogEntry> entries;
        final long term;
        final LongFunction<byte[]> payloadAt;
        final int entryCount;
        final CompletableFuture<Long> done = new CompletableFuture<>();
        /** Set by the writer once written. */
        long lastIndex;

        Request(List<LogEntry> entries, long term, LongFunction<byte[]> payloadAt, int entryCount) {
            this.entries = entries;
            this.term = term;
            this.payloadAt = payloadAt;
            this.entryCount = entryCount;
        }

        List<LogEntry> entriesAt(long nextIndex) {
            if (entries != null) {
                return entries;
            }
            return List.of(new LogEntry.Command(nextIndex, term, payloadAt.apply(nextIndex)));
        }
    }
}
