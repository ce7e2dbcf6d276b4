package io.kairos.bench;

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
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.HdrHistogram.Recorder;
import org.HdrHistogram.Histogram;

/**
 * How much group commit buys on this disk: first the raw rate of {@code write(128 bytes) + force}
 * on one file, then durable appends of 128-byte entries through a {@link GroupCommitLog} by 1, 16
 * and 64 concurrent appenders, each waiting for its append before the next.
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
        return new PhaseResult(appenders, acked / seconds, syncs / seconds,
                histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(99),
                histogram.getMaxValue(), busy, acked / seconds / rawForcesPerSecond);
    }

    record PhaseResult(int appenders, double appendsPerSecond, double fsyncsPerSecond, long p50Micros,
            long p99Micros, long maxMicros, long busyRejections, double appendsPerRawForce) {

        String describe() {
            return String.format(Locale.ROOT,
                    "group commit, %2d appenders: %,9.0f appends/s, %,7.0f fsyncs/s (%.1f appends per fsync), "
                            + "latency p50 %,d us, p99 %,d us, max %,d us; %.2fx raw force rate; busy %d",
                    appenders, appendsPerSecond, fsyncsPerSecond, appendsPerSecond / Math.max(fsyncsPerSecond, 1e-9),
                    p50Micros, p99Micros, maxMicros, appendsPerRawForce, busyRejections);
        }

        String toJson() {
            return String.format(Locale.ROOT,
                    "{\"appenders\": %d, \"appendsPerSecond\": %.1f, \"fsyncsPerSecond\": %.1f, "
                            + "\"p50Micros\": %d, \"p99Micros\": %d, \"maxMicros\": %d, \"busyRejections\": %d, "
                            + "\"appendsPerRawForce\": %.3f}",
                    appenders, appendsPerSecond, fsyncsPerSecond, p50Micros, p99Micros, maxMicros, busyRejections,
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
