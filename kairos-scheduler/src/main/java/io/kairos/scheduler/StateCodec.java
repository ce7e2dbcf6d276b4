package io.kairos.scheduler;

import io.kairos.scheduler.command.SpecCodec;
import io.kairos.scheduler.command.WireIn;
import io.kairos.scheduler.command.WireOut;
import java.util.Collections;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The snapshot form of a {@link SchedulerState}: magic, format version, then everything in sorted
 * order, so equal states give equal bytes (and equal digests).
 */
final class StateCodec {

    private static final int MAGIC = 0x4b534348; // "KSCH"
    private static final int VERSION = 2;

    private StateCodec() {
    }

    static byte[] write(SchedulerState state) {
        WireOut out = new WireOut().writeInt(MAGIC).writeByte(VERSION);
        out.writeLong(state.nowMillis).writeLong(state.nextRunId).writeLong(state.staleReports);
        out.writeInt(state.jobs.size());
        for (Job job : state.jobs.values()) {
            writeJob(out, job);
        }
        out.writeInt(state.workers.size());
        for (Worker w : state.workers.values()) {
            out.writeString(w.workerId).writeInt(w.tags.size());
            w.tags.forEach(out::writeString);
            out.writeInt(w.capacity).writeBoolean(w.lost);
        }
        return out.toByteArray();
    }

    private static void writeJob(WireOut out, Job job) {
        out.writeString(job.jobId);
        SpecCodec.write(out, job.spec);
        out.writeLong(job.version).writeBoolean(job.paused).writeLong(job.anchorMillis).writeLong(job.nextFireMillis)
                .writeLong(job.lastAccountedMillis).writeLong(job.skippedFires).writeLong(job.firedCount).writeLong(job.staleReports);
        out.writeInt(job.runs.size());
        for (Run r : job.runs.values()) {
            out.writeLong(r.runId).writeLong(r.scheduledMillis).writeBoolean(r.onDemand).writeInt(r.shardIndex)
                    .writeInt(r.shardTotal).writeString(r.pinnedWorker).writeLong(r.firedMillis)
                    .writeInt(r.params.size());
            r.params.forEach((k, v) -> out.writeString(k).writeString(v));
            out.writeInt(r.attempt).writeEnum(r.state).writeString(r.workerId == null ? "" : r.workerId)
                    .writeLong(r.dueMillis).writeLong(r.assignedMillis).writeLong(r.startedMillis)
                    .writeLong(r.finishedMillis).writeInt(r.failures).writeInt(r.exitCode).writeString(r.outputTail)
                    .writeString(r.cause);
        }
    }

    /** Reads a snapshot; an empty one is the initial state. */
    static SchedulerState read(byte[] bytes) {
        SchedulerState state = new SchedulerState();
        if (bytes.length == 0) {
            return state;
        }
        WireIn in = new WireIn(bytes, "scheduler snapshot");
        int magic = in.readInt();
        int version = in.readByte();
        if (magic != MAGIC || version != VERSION) {
            throw in.malformed("magic " + Integer.toHexString(magic) + " version " + version + ", expected "
                    + Integer.toHexString(MAGIC) + " version " + VERSION);
        }
        state.nowMillis = in.readLong();
        state.nextRunId = in.readLong();
        state.staleReports = in.readLong();
        for (int j = in.readCount(); j > 0; j--) {
            Job job = readJob(in);
            state.jobs.put(job.jobId, job);
            state.runs.putAll(job.runs);
            job.runs.values().stream().filter(r -> r.state.isLive()).forEach(r -> state.live.put(r.runId, r));
            job.runs.values().forEach(state::fileHeld);
            job.runs.values().forEach(state::refileTimer);
            state.retime(job);
        }
        for (int w = in.readCount(); w > 0; w--) {
            String id = in.readString();
            SortedSet<String> tags = new TreeSet<>();
            for (int t = in.readCount(); t > 0; t--) {
                tags.add(in.readString());
            }
            Worker worker = new Worker(id, tags, in.readInt());
            worker.lost = in.readBoolean();
            state.workers.put(id, worker);
        }
        in.expectEnd();
        return state;
    }

    private static Job readJob(WireIn in) {
        String jobId = in.readString();
        Job job = new Job(jobId, SpecCodec.read(in), Job.UNANCHORED);
        job.version = in.readLong();
        job.paused = in.readBoolean();
        long anchor = in.readLong();
        job.reschedule(job.spec, anchor);
        job.nextFireMillis = in.readLong();
        job.lastAccountedMillis = in.readLong();
        job.skippedFires = in.readLong();
        job.firedCount = in.readLong();
        job.staleReports = in.readLong();
        for (int n = in.readCount(); n > 0; n--) {
            long runId = in.readLong();
            long scheduled = in.readLong();
            boolean onDemand = in.readBoolean();
            int shardIndex = in.readInt();
            int shardTotal = in.readInt();
            String pinned = in.readString();
            long fired = in.readLong();
            SortedMap<String, String> params = new TreeMap<>();
            for (int p = in.readCount(); p > 0; p--) {
                params.put(in.readString(), in.readString());
            }
            Run r = new Run(runId, jobId, scheduled, onDemand, Collections.unmodifiableSortedMap(params), shardIndex,
                    shardTotal, pinned, fired);
            r.attempt = in.readInt();
            r.state = in.readEnum(RunState.class);
            String worker = in.readString();
            r.workerId = worker.isEmpty() ? null : worker;
            r.dueMillis = in.readLong();
            r.assignedMillis = in.readLong();
            r.startedMillis = in.readLong();
            r.finishedMillis = in.readLong();
            r.failures = in.readInt();
            r.exitCode = in.readInt();
            r.outputTail = in.readString();
            r.cause = in.readString();
            job.runs.put(runId, r);
        }
        return job;
    }
}
