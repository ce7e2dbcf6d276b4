package io.kairos.scheduler.command;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The binary form of a {@link Command}: a format version byte ({@value #VERSION}), a tag byte,
 * then the fields big-endian, strings as UTF-8 with an int length. {@link #decode} rejects anything
 * else with an {@link IllegalArgumentException} whose message says exactly what is wrong.
 */
public final class CommandCodec {

    /** The format version this codec writes and reads. */
    public static final int VERSION = 1;

    private static final int CREATE_JOB = 1;
    private static final int UPDATE_JOB = 2;
    private static final int PAUSE_JOB = 3;
    private static final int RESUME_JOB = 4;
    private static final int DELETE_JOB = 5;
    private static final int TRIGGER_JOB = 6;
    private static final int TICK = 7;
    private static final int REGISTER_WORKER = 8;
    private static final int ASSIGN = 9;
    private static final int STARTED = 10;
    private static final int FINISHED = 11;
    private static final int WORKER_LOST = 12;
    private static final int DEREGISTER_WORKER = 13;
    private static final int CANCEL_RUN = 14;
    /** A Tick with placements; one without keeps the shorter TICK form. */
    private static final int PLACED_TICK = 15;

    private CommandCodec() {
    }

    public static byte[] encode(Command command) {
        WireOut out = new WireOut().writeByte(VERSION);
        if (command instanceof Command.CreateJob c) {
            out.writeByte(CREATE_JOB).writeString(c.jobId());
            SpecCodec.write(out, c.spec());
        } else if (command instanceof Command.UpdateJob c) {
            out.writeByte(UPDATE_JOB).writeString(c.jobId()).writeLong(c.expectedVersion());
            SpecCodec.write(out, c.spec());
        } else if (command instanceof Command.PauseJob c) {
            out.writeByte(PAUSE_JOB).writeString(c.jobId());
        } else if (command instanceof Command.ResumeJob c) {
            out.writeByte(RESUME_JOB).writeString(c.jobId());
        } else if (command instanceof Command.DeleteJob c) {
            out.writeByte(DELETE_JOB).writeString(c.jobId());
        } else if (command instanceof Command.TriggerJob c) {
            out.writeByte(TRIGGER_JOB).writeString(c.jobId()).writeInt(c.params().size());
            c.params().forEach((k, v) -> out.writeString(k).writeString(v));
        } else if (command instanceof Command.Tick c) {
            if (c.placements().isEmpty()) {
                out.writeByte(TICK).writeLong(c.millis());
            } else {
                out.writeByte(PLACED_TICK).writeLong(c.millis()).writeInt(c.placements().size());
                for (Command.Placement p : c.placements()) {
                    out.writeString(p.jobId()).writeLong(p.scheduledMillis()).writeInt(p.shardIndex())
                            .writeString(p.workerId());
                }
            }
        } else if (command instanceof Command.RegisterWorker c) {
            out.writeByte(REGISTER_WORKER).writeString(c.workerId()).writeInt(c.tags().size());
            c.tags().forEach(out::writeString);
            out.writeInt(c.capacity());
        } else if (command instanceof Command.Assign c) {
            out.writeByte(ASSIGN).writeLong(c.runId()).writeString(c.workerId()).writeInt(c.attempt());
        } else if (command instanceof Command.Started c) {
            out.writeByte(STARTED).writeLong(c.runId()).writeInt(c.attempt());
        } else if (command instanceof Command.Finished c) {
            out.writeByte(FINISHED).writeLong(c.runId()).writeInt(c.attempt()).writeEnum(c.outcome())
                    .writeInt(c.exitCode()).writeString(c.outputTail());
        } else if (command instanceof Command.WorkerLost c) {
            out.writeByte(WORKER_LOST).writeString(c.workerId());
        } else if (command instanceof Command.DeregisterWorker c) {
            out.writeByte(DEREGISTER_WORKER).writeString(c.workerId());
        } else if (command instanceof Command.CancelRun c) {
            out.writeByte(CANCEL_RUN).writeLong(c.runId());
        } else {
            throw new AssertionError("unknown command " + command);
        }
        return out.toByteArray();
    }

    /**
     * Decodes and validates a command.
     *
     * @throws IllegalArgumentException with a message starting "malformed command: " for bad framing,
     *     or the record's own message for a field that fails validation
     */
    public static Command decode(byte[] bytes) {
        WireIn in = new WireIn(bytes, "command");
        int version = in.readByte();
        if (version != VERSION) {
            throw in.malformed("format version " + version + ", expected " + VERSION);
        }
        int tag = in.readByte();
        Command command = switch (tag) {
            case CREATE_JOB -> new Command.CreateJob(in.readString(), SpecCodec.read(in));
            case UPDATE_JOB -> new Command.UpdateJob(in.readString(), in.readLong(), SpecCodec.read(in));
            case PAUSE_JOB -> new Command.PauseJob(in.readString());
            case RESUME_JOB -> new Command.ResumeJob(in.readString());
            case DELETE_JOB -> new Command.DeleteJob(in.readString());
            case TRIGGER_JOB -> new Command.TriggerJob(in.readString(), readParams(in));
            case TICK -> new Command.Tick(in.readLong());
            case PLACED_TICK -> new Command.Tick(in.readLong(), readPlacements(in));
            case REGISTER_WORKER -> new Command.RegisterWorker(in.readString(), readTags(in), in.readInt());
            case ASSIGN -> new Command.Assign(in.readLong(), in.readString(), in.readInt());
            case STARTED -> new Command.Started(in.readLong(), in.readInt());
            case FINISHED -> new Command.Finished(in.readLong(), in.readInt(), in.readEnum(Command.Outcome.class),
                    in.readInt(), in.readString());
            case WORKER_LOST -> new Command.WorkerLost(in.readString());
            case DEREGISTER_WORKER -> new Command.DeregisterWorker(in.readString());
            case CANCEL_RUN -> new Command.CancelRun(in.readLong());
            default -> throw in.malformed("unknown command tag " + tag + " at offset 1");
        };
        in.expectEnd();
        return command;
    }

    private static List<Command.Placement> readPlacements(WireIn in) {
        int n = in.readCount();
        List<Command.Placement> placements = new ArrayList<>(Math.min(n, 1024));
        for (int i = 0; i < n; i++) {
            placements.add(new Command.Placement(in.readString(), in.readLong(), in.readInt(), in.readString()));
        }
        return placements;
    }

    private static SortedMap<String, String> readParams(WireIn in) {
        int n = in.readCount();
        SortedMap<String, String> params = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            String key = in.readString();
            if (params.put(key, in.readString()) != null) {
                throw in.malformed("duplicate parameter '" + key + "'");
            }
        }
        return params;
    }

    private static SortedSet<String> readTags(WireIn in) {
        int n = in.readCount();
        SortedSet<String> tags = new TreeSet<>();
        for (int i = 0; i < n; i++) {
            String tag = in.readString();
            if (!tags.add(tag)) {
                throw in.malformed("duplicate tag '" + tag + "'");
            }
        }
        return tags;
    }
}
