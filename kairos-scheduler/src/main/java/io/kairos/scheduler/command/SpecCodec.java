package io.kairos.scheduler.command;

import io.kairos.scheduler.job.FailoverPolicy;
import io.kairos.scheduler.job.JobSpec;
import io.kairos.scheduler.job.MisfirePolicy;
import io.kairos.scheduler.job.OverlapPolicy;
import io.kairos.scheduler.job.RetryPolicy;
import io.kairos.scheduler.job.Schedule;
import io.kairos.scheduler.job.Target;
import io.kairos.scheduler.job.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** The binary form of a {@link JobSpec}, shared by commands and snapshots. */
public final class SpecCodec {

    private static final int CRON = 1;
    private static final int FIXED_RATE = 2;
    private static final int FIXED_DELAY = 3;
    private static final int ONE_SHOT = 4;
    private static final int ON_DEMAND = 5;
    private static final int SHELL = 1;
    private static final int HTTP = 2;
    private static final int JAVA = 3;

    private SpecCodec() {
    }

    public static void write(WireOut out, JobSpec spec) {
        writeSchedule(out, spec.schedule());
        out.writeOptionalLong(spec.startMillis());
        out.writeOptionalLong(spec.endMillis());
        out.writeEnum(spec.misfire().kind());
        out.writeInt(spec.misfire().limit());
        out.writeEnum(spec.overlap());
        out.writeInt(spec.retry().maxAttempts());
        out.writeLong(spec.retry().backoffBaseMillis());
        out.writeLong(spec.retry().backoffCapMillis());
        out.writeLong(spec.timeoutMillis());
        out.writeString(spec.target().groupTag());
        out.writeEnum(spec.target().routing());
        out.writeInt(spec.target().shards());
        out.writeInt(spec.historySize());
        writeTask(out, spec.task());
        out.writeEnum(spec.failover());
    }

    /** Reads a spec; the records' own validation rejects impossible values. */
    public static JobSpec read(WireIn in) {
        Schedule schedule = readSchedule(in);
        var start = in.readOptionalLong();
        var end = in.readOptionalLong();
        MisfirePolicy misfire = new MisfirePolicy(in.readEnum(MisfirePolicy.Kind.class), in.readInt());
        OverlapPolicy overlap = in.readEnum(OverlapPolicy.class);
        RetryPolicy retry = new RetryPolicy(in.readInt(), in.readLong(), in.readLong());
        long timeout = in.readLong();
        Target target = new Target(in.readString(), in.readEnum(Target.Routing.class), in.readInt());
        int history = in.readInt();
        Task task = readTask(in);
        return new JobSpec(schedule, start, end, misfire, overlap, retry, timeout, target, history, task,
                in.readEnum(FailoverPolicy.class));
    }

    private static void writeTask(WireOut out, Task task) {
        if (task instanceof Task.Shell sh) {
            out.writeByte(SHELL).writeInt(sh.command().size());
            sh.command().forEach(out::writeString);
            out.writeString(sh.workDir());
            writeMap(out, sh.env());
        } else if (task instanceof Task.Http h) {
            out.writeByte(HTTP).writeString(h.method()).writeString(h.url());
            writeMap(out, h.headers());
            out.writeString(h.body());
        } else if (task instanceof Task.Java j) {
            out.writeByte(JAVA).writeString(j.handler());
        } else {
            throw new AssertionError("unknown task " + task);
        }
    }

    private static Task readTask(WireIn in) {
        int at = in.offset();
        int kind = in.readByte();
        switch (kind) {
            case SHELL -> {
                List<String> command = new ArrayList<>();
                for (int n = in.readCount(); n > 0; n--) {
                    command.add(in.readString());
                }
                return new Task.Shell(command, in.readString(), readMap(in));
            }
            case HTTP -> {
                return new Task.Http(in.readString(), in.readString(), readMap(in), in.readString());
            }
            case JAVA -> {
                return new Task.Java(in.readString());
            }
            default -> throw in.malformed("unknown task kind " + kind + " at offset " + at);
        }
    }

    private static void writeMap(WireOut out, SortedMap<String, String> map) {
        out.writeInt(map.size());
        map.forEach((k, v) -> out.writeString(k).writeString(v));
    }

    private static SortedMap<String, String> readMap(WireIn in) {
        SortedMap<String, String> map = new TreeMap<>();
        for (int n = in.readCount(); n > 0; n--) {
            String key = in.readString();
            if (map.put(key, in.readString()) != null) {
                throw in.malformed("duplicate name '" + key + "'");
            }
        }
        return map;
    }

    private static void writeSchedule(WireOut out, Schedule schedule) {
        if (schedule instanceof Schedule.Cron c) {
            out.writeByte(CRON).writeString(c.expression()).writeString(c.zone());
        } else if (schedule instanceof Schedule.FixedRate r) {
            out.writeByte(FIXED_RATE).writeLong(r.periodMillis());
        } else if (schedule instanceof Schedule.FixedDelay d) {
            out.writeByte(FIXED_DELAY).writeLong(d.delayMillis());
        } else if (schedule instanceof Schedule.OneShot o) {
            out.writeByte(ONE_SHOT).writeLong(o.atMillis());
        } else if (schedule instanceof Schedule.OnDemand) {
            out.writeByte(ON_DEMAND);
        } else {
            throw new AssertionError("unknown schedule " + schedule);
        }
    }

    private static Schedule readSchedule(WireIn in) {
        int at = in.offset();
        int kind = in.readByte();
        return switch (kind) {
            case CRON -> new Schedule.Cron(in.readString(), in.readString());
            case FIXED_RATE -> new Schedule.FixedRate(in.readLong());
            case FIXED_DELAY -> new Schedule.FixedDelay(in.readLong());
            case ONE_SHOT -> new Schedule.OneShot(in.readLong());
            case ON_DEMAND -> new Schedule.OnDemand();
            default -> throw in.malformed("unknown schedule kind " + kind + " at offset " + at);
        };
    }
}
