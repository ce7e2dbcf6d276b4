package io.kairos.sim.sched;

import io.kairos.scheduler.RunView;
import io.kairos.scheduler.command.Command;
import io.kairos.scheduler.command.Result;
import io.kairos.scheduler.leader.HeldAttempt;
import io.kairos.scheduler.leader.PollAnswer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A simulated worker: registers, polls (its heartbeat, listing what it holds), runs dispatched
 * attempts for a random time, reports Started and Finished until a committed verdict, follows
 * leader hints, ignores answers of a term older than it has seen, cancels what it is told to, and
 * registers again when told it is unknown. Faults: it crashes (losing everything), pauses (a frozen
 * process: nothing happens until it resumes, then it carries on with what it held), or leaves
 * gracefully (draining, then DeregisterWorker).
 */
final class SimWorker {

    /** Life of an attempt on this worker. */
    private static final class Attempt {
        final HeldAttempt key;
        final boolean willFail;
        boolean finished;

        Attempt(HeldAttempt key, boolean willFail) {
            this.key = key;
            this.willFail = willFail;
        }
    }

    private record Pending(Command command, HeldAttempt attempt) {
    }

    private final String name;
    private final SortedSet<String> tags;
    private final int capacity;
    private final SchedulerWorld world;
    private final Random random;
    private final long pollEveryMicros;

    private boolean up;
    private boolean away;
    private int incarnation;
    private long pausedUntilMicros;
    private long knownTerm;
    private int master;
    private boolean registering;
    private boolean draining;
    private long nextId;
    /** Attempts it holds, by run id. */
    private final Map<Long, Attempt> held = new TreeMap<>();
    /** Requests awaiting a committed verdict, by request id. */
    private final Map<Long, Pending> pending = new TreeMap<>();
    private Long registerRequest;
    private Long deregisterRequest;

    SimWorker(String name, Set<String> tags, int capacity, SchedulerWorld world, Random random) {
        this.name = name;
        this.tags = new TreeSet<>(tags);
        this.capacity = capacity;
        this.world = world;
        this.random = random;
        this.pollEveryMicros = 300_000 + random.nextInt(600_000);
        this.master = 1 + random.nextInt(world.masters());
        world.wire().attach(name, this::onWire);
    }

    // --- life ------------------------------------------------------------------------------

    void start() {
        if (up) {
            return;
        }
        up = true;
        away = false;
        incarnation++;
        held.clear();
        pending.clear();
        draining = false;
        deregisterRequest = null;
        register();
        int life = incarnation;
        act(life, random.nextLong(pollEveryMicros), () -> pollLoop(life));
    }

    /** Dies: loses everything it held. */
    void crash() {
        up = false;
        incarnation++;
        knownTerm = 0; // a restarted worker has seen no term yet
        pausedUntilMicros = 0;
        held.clear();
        pending.clear();
        registerRequest = null;
        deregisterRequest = null;
        world.recorder().log(name + " crashes");
    }

    /** Freezes for {@code micros}: no poll, no report, no progress; messages to it are lost. */
    void pause(long micros) {
        pausedUntilMicros = Math.max(pausedUntilMicros, world.loop().nowMicros() + micros);
        world.recorder().log(name + " pauses until " + pausedUntilMicros);
    }

    void resume() {
        pausedUntilMicros = world.loop().nowMicros();
    }

    /** Leaves on purpose: drains, then deregisters, then stays away until {@link #start}. */
    void leave() {
        if (!up || draining) {
            return;
        }
        draining = true;
        world.recorder().log(name + " drains to leave");
        int life = incarnation;
        act(life, 3_000_000, () -> deregister(life));
    }

    private void deregister(int life) {
        deregisterRequest = send(new Command.DeregisterWorker(name), null);
        int me = incarnation;
        act(life, 1_000_000, () -> {
            if (me == incarnation && deregisterRequest != null) {
                deregister(life);
            }
        });
    }

    // --- the loop --------------------------------------------------------------------------

    /** Runs {@code action} after {@code delayMicros} in this life, once any pause is over. */
    private void act(int life, long delayMicros, Runnable action) {
        world.loop().after(delayMicros, () -> {
            if (life != incarnation) {
                return;
            }
            long now = world.loop().nowMicros();
            if (now < pausedUntilMicros) {
                act(life, pausedUntilMicros - now, action);
                return;
            }
            action.run();
        });
    }

    private boolean frozen() {
        return !up || world.loop().nowMicros() < pausedUntilMicros;
    }

    private void pollLoop(int life) {
        List<HeldAttempt> list = new ArrayList<>();
        for (Attempt a : held.values()) {
            list.add(a.key);
        }
        world.wire().send(new Wire.Poll(name, Wire.master(master), nextId++, list, draining));
        // Reports not yet answered go again, to the master it now believes leads.
        for (Map.Entry<Long, Pending> e : new ArrayList<>(pending.entrySet())) {
            world.wire().send(new Wire.Request(name, Wire.master(master), e.getKey(), e.getValue().command()));
        }
        act(life, pollEveryMicros, () -> pollLoop(life));
    }

    private void register() {
        registering = true;
        registerRequest = send(new Command.RegisterWorker(name, tags, capacity), null);
    }

    private long send(Command c, HeldAttempt attempt) {
        long requestId = nextId++;
        pending.put(requestId, new Pending(c, attempt));
        world.wire().send(new Wire.Request(name, Wire.master(master), requestId, c));
        return requestId;
    }

    // --- answers ---------------------------------------------------------------------------

    private void onWire(Wire m) {
        if (frozen()) {
            return;
        }
        if (m instanceof Wire.PollReply r) {
            onPollReply(r);
        } else if (m instanceof Wire.Verdict v) {
            onVerdict(v);
        } else {
            throw new AssertionError("a worker does not take " + m);
        }
    }

    private void follow(int leaderHint) {
        master = leaderHint != 0 ? leaderHint : 1 + random.nextInt(world.masters());
    }

    private void onPollReply(Wire.PollReply r) {
        if (r.term() < knownTerm) {
            world.recorder().count("worker ignored an older term");
            return;
        }
        knownTerm = r.term();
        PollAnswer a = r.answer();
        if (a == null) {
            follow(r.leaderHint());
            return;
        }
        for (HeldAttempt c : a.cancels()) {
            Attempt mine = held.get(c.runId());
            if (mine != null && mine.key.equals(c)) {
                held.remove(c.runId());
                pending.values().removeIf(p -> c.equals(p.attempt()));
                world.recorder().count("cancels");
            }
        }
        if (!a.registered()) {
            if (!registering && deregisterRequest == null && !away) {
                held.clear();
                pending.values().removeIf(p -> p.attempt() != null);
                register();
            }
            return;
        }
        if (draining) {
            return;
        }
        for (RunView run : a.dispatches()) {
            Attempt mine = held.get(run.runId());
            if (mine != null && mine.key.attempt() >= run.attempt()) {
                continue;
            }
            startAttempt(run);
        }
    }

    private void startAttempt(RunView run) {
        world.checks().onDispatched(name, run.runId(), run.attempt());
        HeldAttempt key = new HeldAttempt(run.runId(), run.attempt());
        Attempt a = new Attempt(key, random.nextInt(100) < 15);
        held.put(run.runId(), a);
        world.recorder().count("attempts started");
        send(new Command.Started(run.runId(), run.attempt()), key);
        // Mostly short; now and then longer than a timeout.
        long micros = random.nextInt(10) == 0 ? 4_000_000 + random.nextInt(6_000_000)
                : 50_000 + random.nextInt(2_500_000);
        int life = incarnation;
        act(life, micros, () -> finishAttempt(a));
    }

    private void finishAttempt(Attempt a) {
        if (held.get(a.key.runId()) != a) {
            return; // cancelled meanwhile
        }
        a.finished = true;
        Command.Outcome outcome = a.willFail ? Command.Outcome.FAILED : Command.Outcome.SUCCEEDED;
        send(new Command.Finished(a.key.runId(), a.key.attempt(), outcome, a.willFail ? 1 : 0, ""), a.key);
    }

    private void onVerdict(Wire.Verdict v) {
        knownTerm = Math.max(knownTerm, v.term());
        Pending p = pending.get(v.requestId());
        if (p == null) {
            return;
        }
        if (v.result() == null) {
            follow(v.leaderHint());
            return;
        }
        pending.remove(v.requestId());
        Command c = p.command();
        Result r = v.result();
        if (c instanceof Command.RegisterWorker) {
            registering = false;
            registerRequest = null;
        } else if (c instanceof Command.DeregisterWorker) {
            deregisterRequest = null;
            held.clear();
            pending.clear();
            away = true;
            up = false;
            incarnation++;
            world.recorder().count("worker deregistered");
            world.loop().after(2_000_000 + random.nextInt(6_000_000), this::start);
            world.recorder().log(name + " deregistered: " + r);
        } else if (c instanceof Command.Finished || !(r instanceof Result.Applied)) {
            // Done with the attempt: its Finished committed, or it was fenced off.
            Attempt mine = held.get(p.attempt().runId());
            if (mine != null && mine.key.equals(p.attempt()) && (mine.finished || !(r instanceof Result.Applied))) {
                held.remove(p.attempt().runId());
                pending.values().removeIf(q -> p.attempt().equals(q.attempt()));
            }
            if (r instanceof Result.StaleAttempt) {
                world.recorder().count("worker reports fenced");
            }
        }
    }

    // --- observation -----------------------------------------------------------------------

    String name() {
        return name;
    }

    boolean isUp() {
        return up;
    }

    boolean isAway() {
        return away;
    }

    /** Whether it is up, not paused, and holds this attempt. */
    boolean runs(long runId, int attempt) {
        Attempt a = held.get(runId);
        return !frozen() && a != null && a.key.attempt() == attempt;
    }

    SortedSet<String> tags() {
        return tags;
    }

    @Override
    public String toString() {
        return name + (up ? "" : away ? "[away]" : "[down]") + (frozen() && up ? "[paused]" : "") + " held="
                + held.keySet();
    }
}
