package io.kairos.bench;

import io.kairos.raft.LogEntry;
import io.kairos.storage.wal.WalOptions;
import io.kairos.storage.wal.WriteAheadLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * How fast a node restarts with a large log: writes a write-ahead log of 1 GiB of 1 KiB command
 * entries (appended 64 at a time, synced every 4 MiB, default segment size), closes it, then times
 * {@link WriteAheadLog#open}, which checks every record's CRC and rebuilds the in-memory index.
 * Best of three opens. The log was just written, so the opens read it from the page cache: this
 * measures the recovery code, not the disk.
 *
 * <p>Usage: {@code RecoveryBench [outputDir]}, default {@code kairos-bench/target}; the log goes in
 * a scratch directory under it (so on its disk), deleted afterwards, and the figures to
 * {@code recoverybench.json} there.
 */
public final class RecoveryBench {

    static final long LOG_BYTES = 1L << 30;
    static final int ENTRY_BYTES = 1024;
    static final int ENTRIES_PER_APPEND = 64;
    static final long SYNC_EVERY_BYTES = 4L << 20;
    static final int OPENS = 3;

    private RecoveryBench() {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "kairos-bench/target");
        Result result = run(out.resolve("recoverybench-data"), LOG_BYTES);
        System.out.println(result.describe());
        Path json = out.resolve("recoverybench.json");
        Files.writeString(json, result.toJson(), StandardCharsets.UTF_8);
        System.out.println("written " + json);
    }

    /** Writes about {@code payloadBytes} of entries to a log in {@code scratch}, reopens it, deletes it. */
    static Result run(Path scratch, long payloadBytes) throws IOException {
        deleteRecursively(scratch);
        long entries = payloadBytes / ENTRY_BYTES;
        try {
            long writeStart = System.nanoTime();
            try (WriteAheadLog log = WriteAheadLog.open(scratch, WalOptions.defaults())) {
                byte[] payload = new byte[ENTRY_BYTES];
                long sinceSync = 0;
                List<LogEntry> batch = new ArrayList<>(ENTRIES_PER_APPEND);
                for (long index = 1; index <= entries; ) {
                    batch.clear();
                    for (int i = 0; i < ENTRIES_PER_APPEND && index <= entries; i++, index++) {
                        fill(payload, index);
                        batch.add(new LogEntry.Command(index, 1 + index / 100_000, payload.clone()));
                    }
                    log.append(batch);
                    sinceSync += (long) batch.size() * ENTRY_BYTES;
                    if (sinceSync >= SYNC_EVERY_BYTES) {
                        log.sync();
                        sinceSync = 0;
                    }
                }
                log.sync();
            }
            double writeSeconds = (System.nanoTime() - writeStart) / 1e9;
            long fileBytes = sizeOf(scratch);
            int segments = segmentCount(scratch);

            double[] openSeconds = new double[OPENS];
            for (int i = 0; i < OPENS; i++) {
                long start = System.nanoTime();
                try (WriteAheadLog log = WriteAheadLog.open(scratch, WalOptions.defaults())) {
                    openSeconds[i] = (System.nanoTime() - start) / 1e9;
                    if (log.firstIndex() != 1 || log.lastIndex() != entries) {
                        throw new IllegalStateException("recovered [" + log.firstIndex() + ", " + log.lastIndex()
                                + "], wrote [1, " + entries + "]");
                    }
                }
            }
            return new Result(entries, ENTRY_BYTES, fileBytes, segments, writeSeconds, openSeconds);
        } finally {
            deleteRecursively(scratch);
        }
    }

    private static void fill(byte[] payload, long index) {
        for (int i = 0; i < payload.length; i += 8) {
            long v = index * 0x9E3779B97F4A7C15L + i;
            for (int b = 0; b < 8 && i + b < payload.length; b++) {
                payload[i + b] = (byte) (v >>> (8 * b));
            }
        }
    }

    record Result(long entries, int entryBytes, long fileBytes, int segments, double writeSeconds,
            double[] openSeconds) {

        double bestOpenSeconds() {
            double best = Double.MAX_VALUE;
            for (double s : openSeconds) {
                best = Math.min(best, s);
            }
            return best;
        }

        double writeMiBPerSecond() {
            return fileBytes / MIB / writeSeconds;
        }

        double openMiBPerSecond() {
            return fileBytes / MIB / bestOpenSeconds();
        }

        double entriesPerSecondRecovered() {
            return entries / bestOpenSeconds();
        }

        String describe() {
            StringBuilder s = new StringBuilder();
            s.append(String.format(Locale.ROOT, "log: %,d entries of %,d bytes, %,d bytes on disk (%.1f MiB) in %d segments%n",
                    entries, entryBytes, fileBytes, fileBytes / MIB, segments));
            s.append(String.format(Locale.ROOT, "%-22s %10s %10s %14s%n", "step", "seconds", "MiB/s", "entries/s"));
            s.append(String.format(Locale.ROOT, "%-22s %10.3f %10.1f %,14.0f%n", "write (append + sync)",
                    writeSeconds, writeMiBPerSecond(), entries / writeSeconds));
            for (int i = 0; i < openSeconds.length; i++) {
                s.append(String.format(Locale.ROOT, "%-22s %10.3f %10.1f %,14.0f%n", "open #" + (i + 1),
                        openSeconds[i], fileBytes / MIB / openSeconds[i], entries / openSeconds[i]));
            }
            s.append(String.format(Locale.ROOT, "%-22s %10.3f %10.1f %,14.0f", "open, best of " + openSeconds.length,
                    bestOpenSeconds(), openMiBPerSecond(), entriesPerSecondRecovered()));
            return s.toString();
        }

        String toJson() {
            StringBuilder opens = new StringBuilder();
            for (int i = 0; i < openSeconds.length; i++) {
                opens.append(String.format(Locale.ROOT, "%s%.4f", i == 0 ? "" : ", ", openSeconds[i]));
            }
            return String.format(Locale.ROOT,
                    "{\n  \"entries\": %d,\n  \"entryBytes\": %d,\n  \"fileBytes\": %d,\n  \"segments\": %d,\n"
                            + "  \"writeSeconds\": %.4f,\n  \"writeMiBPerSecond\": %.1f,\n  \"openSeconds\": [%s],\n"
                            + "  \"bestOpenSeconds\": %.4f,\n  \"openMiBPerSecond\": %.1f,\n"
                            + "  \"openEntriesPerSecond\": %.1f,\n  \"java\": \"%s\"\n}\n",
                    entries, entryBytes, fileBytes, segments, writeSeconds, writeMiBPerSecond(), opens,
                    bestOpenSeconds(), openMiBPerSecond(), entriesPerSecondRecovered(),
                    System.getProperty("java.version"));
        }
    }

    static final double MIB = 1024.0 * 1024.0;

    static long sizeOf(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            long total = 0;
            for (Path path : (Iterable<Path>) paths.filter(Files::isRegularFile)::iterator) {
                total += Files.size(path);
            }
            return total;
        }
    }

    private static int segmentCount(Path dir) throws IOException {
        try (Stream<Path> paths = Files.list(dir)) {
            return (int) paths.filter(Files::isRegularFile).count();
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
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
