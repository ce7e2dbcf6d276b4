package io.kairos.server.master;

import io.kairos.raft.StateMachine;
import io.kairos.scheduler.SchedulerStateMachine;
import io.kairos.server.kv.KvStateMachine;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What every master applies: the scheduler, and the key-value map the API has served since before
 * the scheduler (kept for the Raft benchmarks and the linearizability tests). One log carries both:
 * each command and query starts with a byte naming its part ({@link #KV} or {@link #SCHEDULER}).
 * A snapshot is the map's (self-delimiting) followed by the scheduler's.
 *
 * <p>Not thread-safe: the applier thread drives it, as it drives any state machine.
 */
public final class MasterStateMachine implements StateMachine {

    public static final byte KV = 'K';
    public static final byte SCHEDULER = 'S';

    private final KvStateMachine kv;
    private final SchedulerStateMachine scheduler;

    public MasterStateMachine() {
        this(new KvStateMachine(), new SchedulerStateMachine());
    }

    public MasterStateMachine(KvStateMachine kv, SchedulerStateMachine scheduler) {
        this.kv = kv;
        this.scheduler = scheduler;
    }

    /** A key-value command or query as the log carries it. */
    public static byte[] kv(byte[] body) {
        return tagged(KV, body);
    }

    /** A scheduler command or query as the log carries it. */
    public static byte[] scheduler(byte[] body) {
        return tagged(SCHEDULER, body);
    }

    private static byte[] tagged(byte tag, byte[] body) {
        byte[] out = new byte[body.length + 1];
        out[0] = tag;
        System.arraycopy(body, 0, out, 1, body.length);
        return out;
    }

    public KvStateMachine kvPart() {
        return kv;
    }

    /** The scheduler; touch it only on the applier thread. */
    public SchedulerStateMachine schedulerPart() {
        return scheduler;
    }

    /**
     * An entry for neither part (no tag, an unknown one) changes nothing and answers a rejection
     * naming the tag: every node reaches the same verdict, and the node keeps serving.
     */
    @Override
    public byte[] apply(long index, byte[] command) {
        if (command.length > 0 && command[0] == KV) {
            return kv.apply(index, body(command));
        }
        if (command.length > 0 && command[0] == SCHEDULER) {
            return scheduler.apply(index, body(command));
        }
        return unknownPart(command);
    }

    @Override
    public byte[] query(byte[] query) {
        if (query.length > 0 && query[0] == KV) {
            return kv.query(body(query));
        }
        if (query.length > 0 && query[0] == SCHEDULER) {
            return scheduler.query(body(query));
        }
        throw new IllegalArgumentException(new String(unknownPart(query), StandardCharsets.UTF_8));
    }

    @Override
    public void writeSnapshot(OutputStream out) throws IOException {
        kv.writeSnapshot(out);
        scheduler.writeSnapshot(out);
    }

    @Override
    public void restore(InputStream in) throws IOException {
        kv.restore(in);
        scheduler.restore(in);
    }

    private static byte[] body(byte[] tagged) {
        return Arrays.copyOfRange(tagged, 1, tagged.length);
    }

    private static byte[] unknownPart(byte[] bytes) {
        String what = bytes.length == 0 ? "an empty entry" : "an entry tagged " + (bytes[0] & 0xff);
        return ("rejected: " + what + "; expected 'K' (key-value) or 'S' (scheduler)")
                .getBytes(StandardCharsets.UTF_8);
    }
}
