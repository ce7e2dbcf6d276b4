package io.kairos.bench;

import io.kairos.raft.Membership;
import io.kairos.raft.NodeId;
import io.kairos.raft.Snapshot;
import io.kairos.raft.SnapshotMeta;
import io.kairos.storage.snapshot.ChunkOutcome;
import io.kairos.storage.snapshot.FileSnapshotPayload;
import io.kairos.storage.snapshot.SnapshotChunks;
import io.kairos.storage.snapshot.SnapshotReceiver;
import io.kairos.storage.snapshot.SnapshotStore;
import io.kairos.storage.snapshot.SnapshotWriter;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a large scheduler snapshot costs: 1,000,000 job records of about 200 bytes each (id, name,
 * cron expression, time zone, next and last fire time, counters, a few argument bytes), built in
 * memory first (untimed), then written with a {@link DataOutputStream} into a
 * {@link SnapshotWriter} and committed (forced, renamed,
 * directory forced); then sent as 1 MiB {@link SnapshotChunks} to a {@link SnapshotReceiver} of a
 * second {@link SnapshotStore}, which verifies and installs it atomically; then restored: all
 * records read back from the installed snapshot's verifying stream into a {@link HashMap}.
 *
 * <p>Usage: {@code SnapshotBench [outputDir]}, default {@code kairos-bench/target}; the two stores
 * go in a scratch directory under it (so on its disk), deleted afterwards, and the figures to
 * {@code snapshotbench.json} there.
 */
public final class SnapshotBench {

    static final int RECORDS = 1_000_000;
    static final int CHUNK_BYTES = 1 << 20;
    static final int ARG_BYTES = 92;
    private static final String[] CRONS = {
        "0 */5 * * * ?", "0 0 2 * * MON-FRI", "30 15 10 ? * 6L", "0 0/30 8-18 * * ?", "0 0 0 1 * ?",
    };
    private static final String[] ZONES = {"UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo"};

    private SnapshotBench() {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "kairos-bench/target");
        Result result = run(out.resolve("snapshotbench-data"), RECORDS);
        System.out.println(result.describe());
        Path json = out.resolve("snapshotbench.json");
        Files.writeString(json, result.toJson(), StandardCharsets.UTF_8);
        System.out.println("written " + json);
    }

    /** One scheduled job as the state machine would hold it. */
    record Job(long id, String name, String cron, String zone, long nextFireMillis, long lastFireMillis, int runs,
            int failures, int maxRetries, long timeoutMillis, byte[] args) {

        static Job of(long id) {
            byte[] args = new byte[ARG_BYTES];
            for (int i = 0; i < args.length; i++) {
                args[i] = (byte) (id * 31 + i);
            }
            return new Job(id, String.format(Locale.ROOT, "tenant-%04d/job-%08d-report", id % 1000, id),
                    CRONS[(int) (id % CRONS.length)], ZONES[(int) (id % ZONES.length)],
                    1_795_000_000_000L + id * 1_000, 1_794_000_000_000L + id * 997, (int) (id % 10_000),
                    (int) (id % 7), 3, 60_000 + id % 1000, args);
        }

        void writeTo(DataOutputStream out) throws IOException {
            out.writeLong(id);
            out.writeUTF(name);
            out.writeUTF(cron);
            out.writeUTF(zone);
            out.writeLong(nextFireMillis);
            out.writeLong(lastFireMillis);
            out.writeInt(runs);
            out.writeInt(failures);
            out.writeInt(maxRetries);
            out.writeLong(timeoutMillis);
            out.writeShort(args.length);
            out.write(args);
        }

        static Job readFrom(DataInputStream in) throws IOException {
            long id = in.readLong();
            String name = in.readUTF();
            String cron = in.readUTF();
            String zone = in.readUTF();
            long next = in.readLong();
            long last = in.readLong();
            int runs = in.readInt();
            int failures = in.readInt();
            int maxRetries = in.readInt();
            long timeout = in.readLong();
            byte[] args = new byte[in.readUnsignedShort()];
            in.readFully(args);
            return new Job(id, name, cron, zone, next, last, runs, failures, maxRetries, timeout, args);
        }
    }

    /** Writes, transfers and restores a snapshot of {@code records} jobs in {@code scratch}, then deletes it. */
    static Result run(Path scratch, int records) throws IOException {
        RecoveryBench.deleteRecursively(scratch);
        try {
            SnapshotStore leader = SnapshotStore.open(scratch.resolve("leader"));
            SnapshotStore follower = SnapshotStore.open(scratch.resolve("follower"));
            SnapshotMeta meta = new SnapshotMeta(records, 7, Membership.ofVoters(NodeId.of(1), NodeId.of(2), NodeId.of(3)));

            Job[] state = new Job[records];
            for (int i = 0; i < records; i++) {
                state[i] = Job.of(i + 1);
            }

            long start = System.nanoTime();
            Snapshot written;
            try (SnapshotWriter writer = leader.begin(meta)) {
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(writer.content(), 64 * 1024));
                out.writeInt(records);
                for (Job job : state) {
                    job.writeTo(out);
                }
                out.flush();
                written = writer.commit();
            }
            double writeSeconds = (System.nanoTime() - start) / 1e9;
            FileSnapshotPayload sent = (FileSnapshotPayload) written.payload();
            long contentBytes = sent.sizeBytes();
            long fileBytes = Files.size(sent.path());

            start = System.nanoTime();
            Snapshot installed = null;
            int chunks = 0;
            try (SnapshotChunks source = SnapshotChunks.open(sent, CHUNK_BYTES);
                    SnapshotReceiver receiver = follower.receiver()) {
                long offset = 0;
                while (installed == null) {
                    ChunkOutcome outcome = receiver.accept(source.chunkAt(offset));
                    chunks++;
                    if (outcome instanceof ChunkOutcome.Accepted accepted) {
                        offset = accepted.nextOffset();
                    } else if (outcome instanceof ChunkOutcome.Installed done) {
                        installed = done.snapshot();
                    } else {
                        throw new IllegalStateException("chunk at " + offset + ": " + outcome);
                    }
                }
            }
            double transferSeconds = (System.nanoTime() - start) / 1e9;
            if (!installed.meta().equals(meta)) {
                throw new IllegalStateException("installed " + installed.meta() + ", sent " + meta);
            }

            start = System.nanoTime();
            Map<Long, Job> jobs;
            FileSnapshotPayload received = (FileSnapshotPayload) installed.payload();
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(received.openContent(), 64 * 1024))) {
                int count = in.readInt();
                jobs = new HashMap<>(count * 4 / 3 + 1);
                for (int i = 0; i < count; i++) {
                    Job job = Job.readFrom(in);
                    jobs.put(job.id(), job);
                }
                if (in.read() != -1) {
                    throw new IllegalStateException("content continues after " + count + " records");
                }
            }
            double restoreSeconds = (System.nanoTime() - start) / 1e9;
            if (jobs.size() != records) {
                throw new IllegalStateException("restored " + jobs.size() + " records, wrote " + records);
            }
            for (Job job : state) {
                Job back = jobs.get(job.id());
                if (back == null || !back.name().equals(job.name()) || back.nextFireMillis() != job.nextFireMillis()
                        || back.runs() != job.runs() || back.args().length != job.args().length) {
                    throw new IllegalStateException("job " + job.id() + " restored as " + back);
                }
            }
            return new Result(records, jobs.size(), contentBytes, fileBytes, chunks, writeSeconds, transferSeconds,
                    restoreSeconds);
        } finally {
            RecoveryBench.deleteRecursively(scratch);
        }
    }

    record Result(int records, int restoredRecords, long contentBytes, long fileBytes, int chunks,
            double writeSeconds, double transferSeconds, double restoreSeconds) {

        double mibPerSecond(double seconds) {
            return fileBytes / RecoveryBench.MIB / seconds;
        }

        String describe() {
            StringBuilder s = new StringBuilder();
            s.append(String.format(Locale.ROOT,
                    "snapshot: %,d records, %,d content bytes (%.1f bytes/record), file %,d bytes (%.1f MiB), %d chunks of %d KiB%n",
                    records, contentBytes, (double) contentBytes / records, fileBytes, fileBytes / RecoveryBench.MIB,
                    chunks, CHUNK_BYTES / 1024));
            s.append(String.format(Locale.ROOT, "%-40s %10s %10s %14s%n", "step", "seconds", "MiB/s", "records/s"));
            row(s, "write + commit", writeSeconds).append('\n');
            row(s, "transfer (chunks, verify, install)", transferSeconds).append('\n');
            row(s, "restore into HashMap (" + restoredRecords + ")", restoreSeconds);
            return s.toString();
        }

        private StringBuilder row(StringBuilder s, String step, double seconds) {
            return s.append(String.format(Locale.ROOT, "%-40s %10.3f %10.1f %,14.0f", step, seconds,
                    mibPerSecond(seconds), records / seconds));
        }

        String toJson() {
            return String.format(Locale.ROOT,
                    "{\n  \"records\": %d,\n  \"restoredRecords\": %d,\n  \"contentBytes\": %d,\n  \"fileBytes\": %d,\n"
                            + "  \"chunkBytes\": %d,\n  \"chunks\": %d,\n"
                            + "  \"writeSeconds\": %.4f,\n  \"writeMiBPerSecond\": %.1f,\n"
                            + "  \"transferSeconds\": %.4f,\n  \"transferMiBPerSecond\": %.1f,\n"
                            + "  \"restoreSeconds\": %.4f,\n  \"restoreMiBPerSecond\": %.1f,\n  \"java\": \"%s\"\n}\n",
                    records, restoredRecords, contentBytes, fileBytes, CHUNK_BYTES, chunks, writeSeconds,
                    mibPerSecond(writeSeconds), transferSeconds, mibPerSecond(transferSeconds), restoreSeconds,
                    mibPerSecond(restoreSeconds), System.getProperty("java.version"));
        }
    }
}
