package io.kairos.sim.sched;

import io.kairos.scheduler.command.Command;
import io.kairos.scheduler.command.Result;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The operator's client: creates the workload's jobs, then now and then triggers the on-demand job
 * (or another), pauses a job and resumes it a little later, updates the fixed-delay job (learning
 * the version from a Conflict), or deletes the on-demand job and creates it again. One command at a time, sent to the
 * master it believes leads and retried (following hints, or at another master after a second)
 * until a committed verdict comes back. A retried TriggerJob may run twice: that is the API's
 * at-least-once contract, and on-demand runs are keyed by their run id.
 */
final class SchedulerClient {

    static final String NAME = "client";
    private static final long RETRY_MICROS = 1_000_000;

    private final SchedulerWorld world;
    private final Random random;
    private final List<Workload.PlannedJob> jobs;
    private final ArrayDeque<Command> queue = new ArrayDeque<>();
    private final TreeSet<String> paused = new TreeSet<>();
    private Command current;
    private long currentRequest = -1;
    private long nextRequestId;
    private int master;
    private boolean finalPhase;
    private long committed;
    /** The version the next UpdateJob of the fixed-delay job expects. */
    private long delayVersion = 1;

    SchedulerClient(SchedulerWorld world, Random random, List<Workload.PlannedJob> jobs) {
        this.world = world;
        this.random = random;
        this.jobs = jobs;
        this.master = 1 + random.nextInt(world.masters());
        world.wire().attach(NAME, this::onWire);
    }

    void start() {
        for (Workload.PlannedJob j : jobs) {
            queue.add(new Command.CreateJob(j.jobId(), j.spec()));
        }
        next();
        world.loop().after(2_000_000 + random.nextInt(3_000_000), this::act);
    }

    /** No new operations; paused jobs are resumed so that the end state can be judged. */
    void enterFinalPhase() {
        finalPhase = true;
        for (String jobId : paused) {
            queue.add(new Command.ResumeJob(jobId));
        }
        paused.clear();
        if (current == null) {
            next();
        }
    }

    /** Whether it has nothing left to do. */
    boolean isIdle() {
        return current == null && queue.isEmpty();
    }

    long committed() {
        return committed;
    }

    private void act() {
        if (finalPhase) {
            return;
        }
        int dice = random.nextInt(10);
        String some = jobs.get(random.nextInt(jobs.size())).jobId();
        if (dice < 5) {
            queue.add(new Command.TriggerJob("adhoc", new TreeMap<>(java.util.Map.of("n", "" + nextRequestId))));
        } else if (dice < 7) {
            queue.add(new Command.TriggerJob(some, new TreeMap<>()));
        } else if (dice == 7 && !paused.contains(some)) {
            paused.add(some);
            queue.add(new Command.PauseJob(some));
            world.loop().after(1_000_000 + random.nextInt(5_000_000), () -> {
                if (paused.remove(some)) {
                    queue.add(new Command.ResumeJob(some));
                    if (current == null) {
                        next();
                    }
                }
            });
        } else if (dice == 8) {
            // Only the jobs whose firing is not judged against a fixed calendar change their spec.
            queue.add(new Command.UpdateJob("delay", delayVersion, Workload.delayJob(random)));
        } else if (dice == 9 && !paused.contains("adhoc")) {
            queue.add(new Command.DeleteJob("adhoc"));
            queue.add(new Command.CreateJob("adhoc", Workload.adhocJob(random)));
        }
        if (current == null) {
            next();
        }
        world.loop().after(1_000_000 + random.nextInt(4_000_000), this::act);
    }

    private void next() {
        current = queue.poll();
        if (current != null) {
            send();
        }
    }

    private void send() {
        long id = nextRequestId++;
        currentRequest = id;
        world.wire().send(new Wire.Request(NAME, Wire.master(master), id, current));
        world.loop().after(RETRY_MICROS, () -> {
            if (currentRequest == id) {
                master = 1 + random.nextInt(world.masters());
                send();
            }
        });
    }

    private void onWire(Wire m) {
        if (!(m instanceof Wire.Verdict v) || v.requestId() != currentRequest) {
            return;
        }
        if (v.result() == null) {
            master = v.leaderHint() != 0 ? v.leaderHint() : 1 + random.nextInt(world.masters());
            currentRequest = -1;
            world.loop().after(20_000, this::send);
            return;
        }
        Result r = v.result();
        world.recorder().log("client: " + current + " -> " + r);
        if (current instanceof Command.UpdateJob u) {
            if (r instanceof Result.Conflict c) {
                queue.addFirst(new Command.UpdateJob(u.jobId(), c.currentVersion(), u.spec())); // read, then retry
            } else if (r instanceof Result.Applied a) {
                delayVersion = a.value();
            }
        }
        world.recorder().count("client commands committed");
        committed++;
        currentRequest = -1;
        next();
    }
}
