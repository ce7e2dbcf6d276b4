package io.kairos.scheduler;

import io.kairos.scheduler.command.Command;
import io.kairos.scheduler.job.FailoverPolicy;
import io.kairos.scheduler.job.JobSpec;
import io.kairos.scheduler.job.MisfirePolicy;
import io.kairos.scheduler.job.OverlapPolicy;
import io.kairos.scheduler.job.RetryPolicy;
import io.kairos.scheduler.job.Schedule;
import io.kairos.scheduler.job.Target;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * Seeded random command streams as a cluster would commit them: ticks from two or three leaders
 * with skewed clocks (so irregular, duplicated and out of order), long gaps with no leader, jobs
 * created along the way, and worker traffic aimed at real runs by a private model machine, with
 * some stale attempts and lost workers thrown in.
 */
final class CommandStreams {

    static final long DAY_START = Instant.parse("2026-06-01T00:00:00Z").toEpochMilli();
    static final String[] ZONES = {"UTC", "Europe/Berlin", "America/New_York"};
    static final int[] CRON_SECONDS = {5, 10, 15, 20, 30};

    /** Whether the stream keeps every job's scheduled times checkable: no fixed delay, updates or deletes. */
    enum Kind { ACCOUNTABLE, ANYTHING }

    private final Random random;
    private final Kind kind;
    private final SchedulerStateMachine model = new SchedulerStateMachine();
    private final List<Command> out = new ArrayList<>();
    private long base;
    private int jobs;

    private CommandStreams(long seed, Kind kind) {
        this.random = new Random(seed);
        this.kind = kind;
    }

    static List<Command> generate(long seed, Kind kind) {
        return new CommandStreams(seed, kind).generate();
    }

    private List<Command> generate() {
        base = DAY_START + random.nextInt(86_400_000);
        long[] skews = new long[2 + random.nextInt(2)];
        for (int i = 0; i < skews.length; i++) {
            skews[i] = random.nextInt(8_001) - 4_000;
        }
        emit(new Command.RegisterWorker("w1", Set.of("g"), 2));
        emit(new Command.RegisterWorker("w2", Set.of("g"), 3));
        int initialJobs = 1 + random.nextInt(3);
        for (int i = 0; i < initialJobs; i++) {
            emit(new Command.CreateJob("j" + jobs++, spec()));
        }
        long lastTick = base;
        int length = 80 + random.nextInt(250);
        for (int i = 0; i < length; i++) {
            int dice = random.nextInt(100);
            if (dice < 45) {
                base += random.nextInt(100) < 6 ? 5_000 + random.nextInt(40_000) : random.nextInt(3_000);
                long tick = random.nextInt(10) == 0 ? lastTick
                        : Math.max(0, base + skews[random.nextInt(skews.length)]);
                emit(new Command.Tick(tick, random.nextBoolean() ? placements(tick) : List.of()));
                lastTick = tick;
            } else {
                other(dice);
            }
        }
        emit(new Command.Tick(Math.max(model.nowMillis(), base)));
        return out;
    }

    private void other(int dice) {
        List<RunView> due = model.dueRuns();
        List<RunView> held = new ArrayList<>();
        for (JobView j : model.jobs()) {
            model.runs(j.jobId()).stream().filter(r -> r.state().isHeld()).forEach(held::add);
        }
        String job = "j" + random.nextInt(Math.max(1, jobs));
        if (dice < 60 && !due.isEmpty()) {
            RunView r = due.get(random.nextInt(due.size()));
            emit(new Command.Assign(r.runId(), random.nextBoolean() ? "w1" : "w2", staleOr(r.attempt())));
        } else if (dice < 66 && !held.isEmpty()) {
            RunView r = held.get(random.nextInt(held.size()));
            emit(new Command.Started(r.runId(), staleOr(r.attempt())));
        } else if (dice < 80 && !held.isEmpty()) {
            RunView r = held.get(random.nextInt(held.size()));
            Command.Outcome outcome = random.nextBoolean() ? Command.Outcome.SUCCEEDED : Command.Outcome.FAILED;
            emit(new Command.Finished(r.runId(), staleOr(r.attempt()), outcome, random.nextInt(3), "out" + dice));
        } else if (dice < 83) {
            emit(new Command.WorkerLost(random.nextBoolean() ? "w1" : "w2"));
        } else if (dice < 86) {
            emit(new Command.RegisterWorker(random.nextBoolean() ? "w1" : "w2", Set.of("g"), 1 + random.nextInt(3)));
        } else if (dice < 89) {
            emit(new Command.TriggerJob(job, new TreeMap<>()));
        } else if (dice < 92) {
            emit(random.nextBoolean() ? new Command.PauseJob(job) : new Command.ResumeJob(job));
        } else if (dice < 95) {
            emit(new Command.CreateJob("j" + jobs++, spec()));
        } else if (kind == Kind.ANYTHING && dice < 96) {
            if (random.nextBoolean() || model.liveRuns().isEmpty()) {
                emit(new Command.DeregisterWorker(random.nextBoolean() ? "w1" : "w2"));
            } else {
                List<RunView> live = model.liveRuns();
                emit(new Command.CancelRun(live.get(random.nextInt(live.size())).runId()));
            }
        } else if (kind == Kind.ANYTHING && dice < 98) {
            emit(new Command.UpdateJob(job, 1 + random.nextInt(2), spec()));
        } else if (kind == Kind.ANYTHING) {
            emit(new Command.DeleteJob(job));
        }
    }

    /**
     * A leader's placements for a Tick: the model's expected fires, each to a random worker (an
     * unknown one now and then), some aimed at a time the Tick does not fire.
     */
    private List<Command.Placement> placements(long tick) {
        List<Command.Placement> placements = new ArrayList<>();
        for (ExpectedFire f : model.expectedFires(tick)) {
            String worker = new String[] {"w1", "w2", "w3"}[random.nextInt(random.nextInt(10) == 0 ? 3 : 2)];
            long at = random.nextInt(10) == 0 ? f.scheduledMillis() + 1 : f.scheduledMillis();
            placements.add(new Command.Placement(f.jobId(), at, f.shardIndex(), worker));
        }
        return placements;
    }

    private int staleOr(int attempt) {
        return random.nextInt(100) < 15 ? 1 + random.nextInt(attempt + 1) : attempt;
    }

    private JobSpec spec() {
        int which = random.nextInt(kind == Kind.ANYTHING ? 4 : 3);
        long start = base + random.nextInt(20_000);
        Schedule schedule = switch (which) {
            case 0 -> new Schedule.FixedRate(500 + random.nextInt(15_000));
            case 1 -> new Schedule.Cron("*/" + CRON_SECONDS[random.nextInt(CRON_SECONDS.length)] + " * * * * ?",
                    ZONES[random.nextInt(ZONES.length)]);
            case 2 -> new Schedule.OneShot(base + random.nextInt(60_000));
            default -> new Schedule.FixedDelay(500 + random.nextInt(10_000));
        };
        JobSpec.Builder b = JobSpec.builder(schedule)
                .misfire(switch (random.nextInt(3)) {
                    case 0 -> MisfirePolicy.skip();
                    case 1 -> MisfirePolicy.fireOnceNow();
                    default -> MisfirePolicy.fireAllUpTo(1 + random.nextInt(4));
                })
                .overlap(OverlapPolicy.values()[random.nextInt(OverlapPolicy.values().length)])
                .retry(new RetryPolicy(1 + random.nextInt(3), random.nextInt(2_000), 2_000 + random.nextInt(3_000)))
                .timeoutMillis(random.nextBoolean() ? 0 : 1_000 + random.nextInt(9_000))
                .historySize(kind == Kind.ACCOUNTABLE ? JobSpec.MAX_HISTORY : 1 + random.nextInt(20));
        if (kind == Kind.ANYTHING) {
            // Fires that make several runs (shards, broadcast) and runs that end with their worker.
            b.target(switch (random.nextInt(4)) {
                case 0 -> new Target("g", Target.Routing.SHARDING, 1 + random.nextInt(3));
                case 1 -> new Target("g", Target.Routing.BROADCAST);
                default -> Target.anyWorker();
            });
            b.failover(random.nextBoolean() ? FailoverPolicy.REDISPATCH : FailoverPolicy.FAIL);
        }
        if (which != 2) {
            b.startMillis(start);
            if (random.nextInt(4) == 0) {
                b.endMillis(start + random.nextInt(120_000));
            }
        }
        return b.build();
    }

    private void emit(Command c) {
        model.apply(c);
        out.add(c);
    }
}
