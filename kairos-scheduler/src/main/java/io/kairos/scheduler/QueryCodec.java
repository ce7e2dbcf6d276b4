package io.kairos.scheduler;

import io.kairos.scheduler.command.SpecCodec;
import io.kairos.scheduler.command.WireIn;
import io.kairos.scheduler.command.WireOut;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** The binary forms of {@link Query} and of its answers. */
public final class QueryCodec {

    private static final int JOB_BY_ID = 1;
    private static final int LIST_JOBS = 2;
    private static final int RUNS_OF_JOB = 3;
    private static final int DUE_RUNS = 4;
    private static final int NEXT_DUE = 5;
    private static final int DIGEST = 6;
    private static final int LIST_WORKERS = 7;
    private static final int RUN_BY_ID = 8;
    private static final int LIVE_RUNS = 9;

    private QueryCodec() {
    }

    public static byte[] encode(Query query) {
        WireOut out = new WireOut();
        if (query instanceof Query.JobById q) {
            out.writeByte(JOB_BY_ID).writeString(q.jobId());
        } else if (query instanceof Query.ListJobs) {
            out.writeByte(LIST_JOBS);
        } else if (query instanceof Query.RunsOfJob q) {
            out.writeByte(RUNS_OF_JOB).writeString(q.jobId());
        } else if (query instanceof Query.DueRuns) {
            out.writeByte(DUE_RUNS);
        } else if (query instanceof Query.NextDue) {
            out.writeByte(NEXT_DUE);
        } else if (query instanceof Query.Digest) {
            out.writeByte(DIGEST);
        } else if (query instanceof Query.ListWorkers) {
            out.writeByte(LIST_WORKERS);
        } else if (query instanceof Query.LiveRuns) {
            out.writeByte(LIVE_RUNS);
        } else if (query instanceof Query.RunById q) {
            out.writeByte(RUN_BY_ID).writeLong(q.runId());
        } else {
            throw new AssertionError("unknown query " + query);
        }
        return out.toByteArray();
    }

    public static Query decode(byte[] bytes) {
        WireIn in = new WireIn(bytes, "query");
        int tag = in.readByte();
        Query query = switch (tag) {
            case JOB_BY_ID -> new Query.JobById(in.readString());
            case LIST_JOBS -> new Query.ListJobs();
            case RUNS_OF_JOB -> new Query.RunsOfJob(in.readString());
            case DUE_RUNS -> new Query.DueRuns();
            case NEXT_DUE -> new Query.NextDue();
            case DIGEST -> new Query.Digest();
            case LIST_WORKERS -> new Query.ListWorkers();
            case RUN_BY_ID -> new Query.RunById(in.readLong());
            case LIVE_RUNS -> new Query.LiveRuns();
            default -> throw in.malformed("unknown query tag " + tag);
        };
        in.expectEnd();
        return query;
    }

    public static byte[] encodeJobs(List<JobView> jobs) {
        WireOut out = new WireOut().writeInt(jobs.size());
        for (JobView j : jobs) {
            out.writeString(j.jobId()).writeLong(j.version());
            SpecCodec.write(out, j.spec());
            out.writeBoolean(j.paused()).writeOptionalLong(j.nextFireMillis()).writeLong(j.skippedFires())
                    .writeLong(j.firedCount()).writeLong(j.staleReports());
        }
        return out.toByteArray();
    }

    public static List<JobView> decodeJobs(byte[] bytes) {
        WireIn in = new WireIn(bytes, "job list");
        int n = in.readCount();
        List<JobView> jobs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            jobs.add(new JobView(in.readString(), in.readLong(), SpecCodec.read(in), in.readBoolean(),
                    in.readOptionalLong(), in.readLong(), in.readLong(), in.readLong()));
        }
        in.expectEnd();
        return jobs;
    }

    public static byte[] encodeRuns(List<RunView> runs) {
        WireOut out = new WireOut().writeInt(runs.size());
        for (RunView r : runs) {
            out.writeLong(r.runId()).writeString(r.jobId()).writeLong(r.scheduledMillis()).writeInt(r.attempt())
                    .writeEnum(r.state()).writeString(r.workerId() == null ? "" : r.workerId())
                    .writeLong(r.dueMillis()).writeLong(r.assignedMillis()).writeLong(r.startedMillis())
                    .writeLong(r.finishedMillis()).writeInt(r.failures()).writeInt(r.exitCode())
                    .writeString(r.outputTail()).writeString(r.cause()).writeBoolean(r.onDemand())
                    .writeInt(r.params().size());
            r.params().forEach((k, v) -> out.writeString(k).writeString(v));
            out.writeInt(r.shardIndex()).writeInt(r.shardTotal()).writeString(r.pinnedWorker())
                    .writeLong(r.firedMillis());
        }
        return out.toByteArray();
    }

    public static List<RunView> decodeRuns(byte[] bytes) {
        WireIn in = new WireIn(bytes, "run list");
        int n = in.readCount();
        List<RunView> runs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long runId = in.readLong();
            String jobId = in.readString();
            long scheduled = in.readLong();
            int attempt = in.readInt();
            RunState state = in.readEnum(RunState.class);
            String worker = in.readString();
            long due = in.readLong();
            long assigned = in.readLong();
            long started = in.readLong();
            long finished = in.readLong();
            int failures = in.readInt();
            int exitCode = in.readInt();
            String tail = in.readString();
            String cause = in.readString();
            boolean onDemand = in.readBoolean();
            SortedMap<String, String> params = new TreeMap<>();
            for (int p = in.readCount(); p > 0; p--) {
                params.put(in.readString(), in.readString());
            }
            runs.add(new RunView(runId, jobId, scheduled, attempt, state, worker.isEmpty() ? null : worker, due,
                    assigned, started, finished, failures, exitCode, tail, cause, onDemand, params, in.readInt(),
                    in.readInt(), in.readString(), in.readLong()));
        }
        in.expectEnd();
        return runs;
    }

    public static byte[] encodeWorkers(List<WorkerView> workers) {
        WireOut out = new WireOut().writeInt(workers.size());
        for (WorkerView w : workers) {
            out.writeString(w.workerId()).writeInt(w.tags().size());
            w.tags().forEach(out::writeString);
            out.writeInt(w.capacity()).writeBoolean(w.lost()).writeInt(w.held());
        }
        return out.toByteArray();
    }

    public static List<WorkerView> decodeWorkers(byte[] bytes) {
        WireIn in = new WireIn(bytes, "worker list");
        int n = in.readCount();
        List<WorkerView> workers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String id = in.readString();
            SortedSet<String> tags = new TreeSet<>();
            for (int t = in.readCount(); t > 0; t--) {
                tags.add(in.readString());
            }
            workers.add(new WorkerView(id, tags, in.readInt(), in.readBoolean(), in.readInt()));
        }
        in.expectEnd();
        return workers;
    }

    public static byte[] encodeOptionalLong(OptionalLong value) {
        return new WireOut().writeOptionalLong(value).toByteArray();
    }

    public static OptionalLong decodeOptionalLong(byte[] bytes) {
        WireIn in = new WireIn(bytes, "optional long");
        OptionalLong value = in.readOptionalLong();
        in.expectEnd();
        return value;
    }
}
