package io.kairos.bench;

import io.kairos.raft.LogEntry;
import io.kairos.storage.wal.GroupCommitBusyException;
import io.kairos.storage.wal.GroupCommitLog;
import io.kairos.storage.wal.WalOptions;
import io.kairos.storage.wal.WriteAheadLog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.HdrHistogram.Recorder;
import org.HdrHistogram.Histogram;

/**
 * How much group commit buys on this disk: first the raw rate of {@code write(128 bytes) + force}
 * on one file, then durable appends of 128-byte entries through a {@link GroupCommitLog} with 1, 16
 * and 64 concurrent appenders, in two shapes:
 *
 * <ul>
 *   <li><b>threads</b>: that many threads, each waiting for its append before the next (a blocking
 *       client per thread; on a 2-core machine, 64 threads mostly measure the scheduler waking them);
 *   <li><b>pipelined</b>: one thread keeps that many appends outstanding and submits a new one as
 *       each is acknowledged, the way the master's event loop uses the log (one thread owns the
 *       Raft node and hands its appends to the log writer without waiting);
 *   <li><b>event-loop</b>: one thread keeps that many entries outstanding, and each time it runs it
 *       appends every entry it may (one per acknowledged entry) as one request, the way the master
 *       appends the entries of one Raft {@code Ready}: many clients' proposals, one append, one
 *       acknowledgement.
 * </ul>
 *
 * <p>Usage: {@code WalBench [outputDir]}, default {@code kairos-bench/target}; the log files go in
 * a scratch directory under it (so on its disk) and the figures to {@code walbench.json} there.
 */
public final class WalBench {

    static final int ENTRY_BYTES = 128;
    static final long RAW_FORCE_MILLIS = 3_000;
    static final long APPEND_PHASE_MILLIS = 5_000;
    static final int[] APPENDERS = {1, 16, 64};
    static final int MAX_QUEUED_ENTRIES = 100_000;

    private WalBench() {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "kairos-bench/target");
        Path scratch = out.resolve("walbench-data");
        deleteRecursively(scratch);
        Files.createDirectories(scratch);

        double rawForcesPerSecond = rawForcesPerSecond(scratch.resolve("raw-force.bin"));
        System.out.printf(Locale.ROOT, "raw FileChannel.force: %,.0f forces/s (write %d bytes + force, %d ms)%n",
                rawForcesPerSecond, ENTRY_BYTES, RAW_FORCE_MILLIS);

        List<PhaseResult> phases = new ArrayList<>();
        for (int appenders : APPENDERS) {
            PhaseResult result = groupCommit(scratch.resolve("wal-" + appenders), appenders, rawForcesPerSecond);
            phases.add(result);
            System.out.println(result.describe());
        }
        for (int outstanding : APPENDERS) {
            PhaseResult result = pipelined(scratch.resolve("pipe-" + outstanding), outstanding, rawForcesPerSecond);
            phases.add(result);
            System.out.println(result.describe());
        }
        for (int outstanding : APPENDERS) {
            PhaseResult result = eventLoop(scratch.resolve("loop-" + outstanding), outstanding, rawForcesPerSecond);
            phases.add(result);
            System.out.println(result.describe());
        }
        Path json = out.resolve("walbench.json");
        Files.writeString(json, toJson(rawForcesPerSecond, phases), StandardCharsets.UTF_8);
        System.out.println("written " + json);
        deleteRecursively(scratch);
    }

    /** Appends and forces 128 bytes at a time to one file for {@link #RAW_FORCE_MILLIS}. */
    static double rawForcesPerSecond(Path file) throws IOException {
        ByteBuffer record = ByteBuffer.allocate(ENTRY_BYTES);
        long forces = 0;
        long position = 0;
        try (FileChannel channel = FileChannel.open(
                file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long start = System.nanoTime();
            long end = start + TimeUnit.MILLISECONDS.toNanos(RAW_FORCE_MILLIS);
            long now = start;
            while (now < end) {
                record.clear();
                while (record.hasRemaining()) {
                    position += channel.write(record, position);
                }
                channel.force(false);
                forces++;
                now = System.nanoTime();
            }
            return forces / ((now - start) / 1e9);
        }
    }

    static PhaseResult groupCommit(Path dir, int appenders, double rawForcesPerSecond) throws Exception {
        Recorder latencies = new Recorder(3);
        byte[] payload = new byte[ENTRY_BYTES];
        GroupCommitLog log = new GroupCommitLog(WriteAheadLog.open(dir, WalOptions.defaults()), MAX_QUEUED_ENTRIES);
        long acked;
        long syncs;
        long busy;
        double seconds;
        try {
            long[] ackedBy = new long[appenders];
            long[] busyBy = new long[appenders];
            long start = System.nanoTime();
            long end = start + TimeUnit.MILLISECONDS.toNanos(APPEND_PHASE_MILLIS);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < appenders; t++) {
                int id = t;
                threads.add(new Thread(() -> {
                    while (System.nanoTime() < end) {
                        long before = System.nanoTime();
                        try {
                            log.appendNext(payload, 1).join();
                        } catch (CompletionException e) {
                            if (e.getCause() instanceof GroupCommitBusyException) {
                                busyBy[id]++;
                                Thread.onSpinWait();
                                continue;
                            }
                            throw e;
                        }
                        latencies.recordValue((System.nanoTime() - before) / 1_000);
                        ackedBy[id]++;
                    }
                }, "bench-appender-" + t));
            }
            long syncsBefore = log.syncCount();
            threads.forEach(Thread::start);
            for (Thread thread : threads) {
                thread.join();
            }
            seconds = (System.nanoTime() - start) / 1e9;
            syncs = log.syncCount() - syncsBefore;
            acked = 0;
            busy = 0;
            for (int t = 0; t < appenders; t++) {
                acked += ackedBy[t];
                busy += busyBy[t];
            }
        } finally {
            log.close();
        }
        Histogram histogram = latencies.getIntervalHistogram();
        return new PhaseResult("threads", appenders, acked / seconds, syncs / seconds,
                histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(99),
                histogram.getMaxValue(), busy, acked / seconds / rawForcesPerSecond);
    }

    /**
     * One submitting thread keeps {@code outstanding} appends in flight: it takes a permit, appends
     * without waiting, and the acknowledgement (on the log's writer thread) records the latency and
     * gives the permit back. A busy answer is counted and its permit reused for the next append.
     */
    static PhaseResult pipelined(Path dir, int outstanding, double rawForcesPerSecond) throws Exception {
        Recorder latencies = new Recorder(3);
        byte[] payload = new byte[ENTRY_BYTES];
        Semaphore permits = new Semaphore(outstanding);
        AtomicLong acked = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicLong busy = new AtomicLong();
        long syncs;
        double seconds;
        GroupCommitLog log = new GroupCommitLog(WriteAheadLog.open(dir, WalOptions.defaults()), MAX_QUEUED_ENTRIES);
        try {
            long syncsBefore = log.syncCount();
            long start = System.nanoTime();
            long end = start + TimeUnit.MILLISECONDS.toNanos(APPEND_PHASE_MILLIS);
            while (System.nanoTime() < end && failure.get() == null) {
                if (!permits.tryAcquire(1, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                long before = System.nanoTime();
                log.appendNext(payload, 1).whenComplete((index, error) -> {
                    if (error == null) {
                        latencies.recordValue((System.nanoTime() - before) / 1_000);
                        acked.incrementAndGet();
                    } else if (error instanceof GroupCommitBusyException) {
                        busy.incrementAndGet();
                    } else {
                        failure.compareAndSet(null, error);
                    }
                    permits.release();
                });
            }
            permits.acquire(outstanding);
            seconds = (System.nanoTime() - start) / 1e9;
            syncs = log.syncCount() - syncsBefore;
        } finally {
            log.close();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("an append failed", failure.get());
        }
        Histogram histogram = latencies.getIntervalHistogram();
        return new PhaseResult("pipelined", outstanding, acked.get() / seconds, syncs / seconds,
                histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(99),
                histogram.getMaxValue(), busy.get(), acked.get() / seconds / rawForcesPerSecond);
    }

    /**
     * One thread keeps {@code outstanding} entries in flight and appends, each time it runs, all the
     * entries it has permits for as one request with explicit indices; the acknowledgement records
     * one latency per entry and returns their permits. This is how the master's event loop drives
     * the log: proposals from many clients gather while the previous batch is being forced.
     */
    static PhaseResult eventLoop(Path dir, int outstanding, double rawForcesPerSecond) throws Exception {
        Recorder latencies = new Recorder(3);
        byte[] payload = new byte[ENTRY_BYTES];
        Semaphore permits = new Semaphore(outstanding);
        AtomicLong acked = new AtomicLong();
        AtomicLong busy = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long syncs;
        double seconds;
        WriteAheadLog wal = WriteAheadLog.open(dir, WalOptions.defaults());
        long next = wal.lastIndex() + 1;
        GroupCommitLog log = new GroupCommitLog(wal, MAX_QUEUED_ENTRIES);
        try {
            long syncsBefore = log.syncCount();
            long start = System.nanoTime();
            long end = start + TimeUnit.MILLISECONDS.toNanos(APPEND_PHASE_MILLIS);
            while (System.nanoTime() < end && failure.get() == null) {
                if (!permits.tryAcquire(1, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                int count = 1 + permits.drainPermits();
                List<LogEntry> entries = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    entries.add(new LogEntry.Command(next + i, 1, payload));
                }
                long before = System.nanoTime();
                CompletableFuture<Long> done = log.append(entries);
                if (done.isCompletedExceptionally()) {
                    // Not written: busy, or the log failed; either way these indices are still free.
                    done.whenComplete((index, error) -> {
                        if (error instanceof GroupCommitBusyException) {
                            busy.incrementAndGet();
                        } else {
                            failure.compareAndSet(null, error);
                        }
                    });
                    permits.release(count);
                    continue;
                }
                next += count;
                done.whenComplete((index, error) -> {
                    if (error == null) {
                        long micros = (System.nanoTime() - before) / 1_000;
                        for (int i = 0; i < count; i++) {
                            latencies.recordValue(micros);
                        }
                        acked.addAndGet(count);
                    } else {
                        failure.compareAndSet(null, error);
                    }
                    permits.release(count);
                });
            }
            permits.acquire(outstanding);
            seconds = (System.nanoTime() - start) / 1e9;
            syncs = log.syncCount() - syncsBefore;
        } finally {
            log.close();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("an append failed", failure.get());
        }
        Histogram histogram = latencies.getIntervalHistogram();
        return new PhaseResult("event-loop", outstanding, acked.get() / seconds, syncs / seconds,
                histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(99),
                histogram.getMaxValue(), busy.get(), acked.get() / seconds / rawForcesPerSecond);
    }

    record PhaseResult(String shape, int appenders, double appendsPerSecond, double fsyncsPerSecond, long p50Micros,
            long p99Micros, long maxMicros, long busyRejections, double appendsPerRawForce) {

        String describe() {
            return String.format(Locale.ROOT,
                    "group commit, %-10s %2d appenders: %,9.0f appends/s, %,7.0f fsyncs/s (%.1f appends per fsync), "
                            + "latency p50 %,d us, p99 %,d us, max %,d us; %.2fx raw force rate; busy %d",
                    shape, appenders, appendsPerSecond, fsyncsPerSecond, appendsPerSecond / Math.max(fsyncsPerSecond, 1e-9),
                    p50Micros, p99Micros, maxMicros, appendsPerRawForce, busyRejections);
        }

        String toJson() {
            return String.format(Locale.ROOT,
                    "{\"shape\": \"%s\", \"appenders\": %d, \"appendsPerSecond\": %.1f, \"fsyncsPerSecond\": %.1f, "
                            + "\"p50Micros\": %d, \"p99Micros\": %d, \"maxMicros\": %d, \"busyRejections\": %d, "
                            + "\"appendsPerRawForce\": %.3f}",
                    shape, appenders, appendsPerSecond, fsyncsPerSecond, p50Micros, p99Micros, maxMicros, busyRejections,
                    appendsPerRawForce);
        }
    }

    static String toJson(double rawForcesPerSecond, List<PhaseResult> phases) {
        StringBuilder json = new StringBuilder();
        json.append(String.format(Locale.ROOT,
                "{\n  \"entryBytes\": %d,\n  \"rawForcesPerSecond\": %.1f,\n  \"java\": \"%s\",\n  \"groupCommit\": [\n",
                ENTRY_BYTES, rawForcesPerSecond, System.getProperty("java.version")));
        for (int i = 0; i < phases.size(); i++) {
            json.append("    ").append(phases.get(i).toJson()).append(i + 1 < phases.size() ? ",\n" : "\n");
        }
        return json.append("  ]\n}\n").toString();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }
}
