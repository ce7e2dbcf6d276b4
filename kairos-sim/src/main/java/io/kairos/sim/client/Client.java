package io.kairos.sim.client;

import io.kairos.raft.NodeId;
import io.kairos.raft.ProposeResult;
import io.kairos.raft.ReadResult;
import io.kairos.sim.history.OpKind;
import io.kairos.sim.node.SimNode;
import java.util.List;
import java.util.Random;

/**
 * One client: one operation at a time, sent to the node it believes leads. It follows a
 * not-leader hint, waits on busy, and after an attempt times out tries another node with the same
 * operation (same id: the state machine's session table makes the retry harmless). A write whose
 * entry lost its index is retried the same way. Before the final heal an operation still unanswered
 * after {@code giveUpAfterMicros} is abandoned with an unknown outcome; after it, the client keeps
 * trying, completes {@code opsAfterHeal} more operations and stops.
 *
 * <p>Every answer reaches the client as its own event; an attempt number tells a stale answer from
 * the current one.
 */
public final class Client {

    private static final long REDIRECT_MICROS = 1_000;
    private static final long NO_LEADER_BACKOFF_MICROS = 20_000;
    private static final long BUSY_BACKOFF_MICROS = 20_000;
    /** Ids of operations are {@code clientId * OP_ID_STRIDE + seq}, so every client's are distinct. */
    private static final long OP_ID_STRIDE = 1_000_000_000L;

    private final int id;
    private final Random random;
    private final ClientContext ctx;
    private final ClientSettings settings;
    private final long attemptTimeoutMicros;

    private long seq;
    private NodeId target;
    private ClientOp op;
    /** Increases with every attempt; answers carry the attempt they belong to. */
    private long attempt;
    private long requestIds;
    private boolean finalPhase;
    private int opsLeftAfterHeal;
    private boolean stopped;

    private long writesCompleted;
    private long readsCompleted;
    private long abandoned;

    public Client(int id, Random random, ClientContext ctx) {
        this.id = id;
        this.random = random;
        this.ctx = ctx;
        this.settings = ctx.settings();
        long spread = settings.maxAttemptTimeoutMicros() - settings.minAttemptTimeoutMicros();
        this.attemptTimeoutMicros = settings.minAttemptTimeoutMicros() + (long) (random.nextDouble() * spread);
    }

    /** Starts the client's loop of operations. */
    public void start() {
        target = randomNode(null);
        scheduleNext();
    }

    /**
     * The network is whole for good: finish the current operation whatever it takes, complete
     * {@code opsAfterHeal} more, then stop.
     */
    public void enterFinalPhase() {
        finalPhase = true;
        opsLeftAfterHeal = settings.opsAfterHeal();
    }

    /** Whether the client has finished its work after the final heal. */
    public boolean isDone() {
        return stopped;
    }

    private void scheduleNext() {
        long spread = settings.maxThinkMicros() - settings.minThinkMicros();
        long wanted = ctx.loop().nowMicros() + settings.minThinkMicros() + (long) (random.nextDouble() * spread);
        ctx.loop().at(finalPhase ? wanted : ctx.phases().startTime(wanted), this::begin);
    }

    private void begin() {
        if (finalPhase && opsLeftAfterHeal <= 0) {
            stopped = true;
            return;
        }
        seq++;
        String key = "k" + random.nextInt(settings.keys());
        OpKind kind = random.nextDouble() < settings.readShare() ? OpKind.GET
                : random.nextBoolean() ? OpKind.PUT : OpKind.APPEND;
        String value = switch (kind) {
            case PUT -> "c" + id + "." + seq;
            case APPEND -> id + "." + seq + ";";
            case GET -> "";
        };
        op = new ClientOp(id * OP_ID_STRIDE + seq, seq, kind, key, value, ctx.loop().nowMicros());
        ctx.history().invoke(op.opId(), id, kind, key, value, op.callMicros());
        send();
    }

    private void send() {
        long a = ++attempt;
        SimNode node = ctx.cluster().node(target);
        if (op.isWrite()) {
            onProposeResult(a, node.propose(op.command(id), committed -> onWriteOutcome(a, committed)));
        } else {
            long requestId = ((long) id << 48) | ++requestIds;
            onReadResult(a, node.read(requestId, op.key(), value -> onReadServed(a, value)));
        }
    }

    private void onProposeResult(long a, ProposeResult r) {
        if (r == null) {
            redirect(null, NO_LEADER_BACKOFF_MICROS); // connection refused: the node is down
        } else if (r instanceof ProposeResult.NotLeader n) {
            redirect(n.leaderHint(), NO_LEADER_BACKOFF_MICROS);
        } else if (r instanceof ProposeResult.Busy) {
            retryAfter(BUSY_BACKOFF_MICROS);
        } else if (r instanceof ProposeResult.Accepted) {
            ctx.loop().after(attemptTimeoutMicros, () -> onTimeout(a));
        } else {
            throw new IllegalStateException("client " + id + "'s write was refused: " + r);
        }
    }

    private void onReadResult(long a, ReadResult r) {
        if (r == null) {
            redirect(null, NO_LEADER_BACKOFF_MICROS);
        } else if (r instanceof ReadResult.NotLeader n) {
            redirect(n.leaderHint(), NO_LEADER_BACKOFF_MICROS);
        } else {
            ctx.loop().after(attemptTimeoutMicros, () -> onTimeout(a));
        }
    }

    /** Goes to the hinted leader at once, or to a random other node after a pause. */
    private void redirect(NodeId hint, long backoffMicros) {
        if (hint != null && !hint.equals(target) && ctx.cluster().contains(hint)) {
            target = hint;
            retryAfter(REDIRECT_MICROS);
        } else {
            target = randomNode(target);
            retryAfter(backoffMicros);
        }
    }

    private void retryAfter(long delayMicros) {
        long a = ++attempt; // answers to the abandoned attempt are now stale
        ctx.loop().after(delayMicros, () -> {
            if (a == attempt && op != null) {
                send();
            }
        });
    }

    private void onWriteOutcome(long a, boolean committed) {
        if (a != attempt || op == null) {
            return;
        }
        if (committed) {
            writesCompleted++;
            complete("");
        } else {
            retryAfter(REDIRECT_MICROS); // the entry lost its index; same operation, same id
        }
    }

    private void onReadServed(long a, String value) {
        if (a != attempt || op == null) {
            return;
        }
        readsCompleted++;
        complete(value);
    }

    private void onTimeout(long a) {
        if (a != attempt || op == null) {
            return;
        }
        if (!finalPhase && ctx.loop().nowMicros() - op.callMicros() >= settings.giveUpAfterMicros()) {
            abandoned++;
            finishOp(); // the outcome stays unknown in the history
            return;
        }
        target = randomNode(target);
        send();
    }

    private void complete(String output) {
        ctx.history().complete(op.opId(), output, ctx.loop().nowMicros());
        if (finalPhase) {
            opsLeftAfterHeal--;
        }
        finishOp();
    }

    private void finishOp() {
        op = null;
        attempt++;
        scheduleNext();
    }

    private NodeId randomNode(NodeId avoid) {
        List<NodeId> candidates = ctx.cluster().notStopped();
        if (candidates.size() > 1 && avoid != null) {
            candidates.remove(avoid);
        }
        return candidates.get(random.nextInt(candidates.size()));
    }

    public int id() {
        return id;
    }

    /** A description of the operation in progress, for liveness reports. */
    public String pendingDescription() {
        return op == null ? (stopped ? "done" : "idle") : "op" + op.opId() + " " + op.kind() + "(" + op.key()
                + ") since " + op.callMicros() + "us, target " + target;
    }

    public long writesCompleted() {
        return writesCompleted;
    }

    public long readsCompleted() {
        return readsCompleted;
    }

    /** Operations abandoned with an unknown outcome. */
    public long abandoned() {
        return abandoned;
    }
}
