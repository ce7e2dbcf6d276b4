package io.kairos.sim.sched;

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
import java.util.Random;

/**
 * A run's jobs, drawn from its seed: every schedule type (fixed rate of 1-5 s, cron with seconds in
 * zones with daylight saving and half-hour offsets, a monthly cron on days some months lack,
 * one-shot, on demand, fixed delay), misfire,
 * overlap, retry, timeout, failover and routing mixed, sharded and broadcast jobs, and shell jobs
 * that only workers tagged {@code kairos.shell} take. Jobs with a {@link FireGrid} are checked for
 * exactly-once-or-skipped firing at the end.
 */
final class Workload {

    /** A job to create, with its schedule's times when they are checked (else null). */
    record PlannedJob(String jobId, JobSpec spec, FireGrid grid) {
    }

    private static final String[] ZONES = {"Europe/Berlin", "America/New_York", "Asia/Kolkata", "Asia/Kathmandu",
            "Australia/Lord_Howe", "UTC"};
    private static final Target.Routing[] SINGLE = {Target.Routing.ROUND_ROBIN, Target.Routing.LEAST_BUSY,
            Target.Routing.CONSISTENT_HASH, Target.Routing.FIRST_HEALTHY};

    private Workload() {
    }

    static List<PlannedJob> draw(Random r, long epochMillis) {
        List<PlannedJob> jobs = new ArrayList<>();
        long start = epochMillis + 3_000 + r.nextInt(4) * 1_000;
        long rate = 1_000 + 500L * r.nextInt(9);
        jobs.add(new PlannedJob("rate", base(r, new Schedule.FixedRate(rate)).startMillis(start)
                .target(new Target("", SINGLE[r.nextInt(SINGLE.length)])).build(), new FireGrid.Every(start, rate, start)));
        long shardRate = 2_000 + 500L * r.nextInt(7);
        jobs.add(new PlannedJob("sharded", base(r, new Schedule.FixedRate(shardRate)).startMillis(start + 1_000)
                .target(new Target("", Target.Routing.SHARDING, 2 + r.nextInt(3))).build(),
                new FireGrid.Every(start + 1_000, shardRate, start + 1_000)));
        String zone = ZONES[r.nextInt(ZONES.length)];
        jobs.add(new PlannedJob("cron3", base(r, new Schedule.Cron("*/3 * * * * ?", zone)).startMillis(start)
                .target(new Target("", SINGLE[r.nextInt(SINGLE.length)])).build(), new FireGrid.CronSeconds(0, 3, zone, start)));
        String zone2 = ZONES[r.nextInt(ZONES.length)];
        jobs.add(new PlannedJob("cron10", base(r, new Schedule.Cron("7/10 * * * * ?", zone2)).startMillis(start)
                .target(new Target("", Target.Routing.BROADCAST)).build(), new FireGrid.CronSeconds(7, 10, zone2, start)));
        long at = epochMillis + 10_000 + r.nextInt(30) * 1_000;
        jobs.add(new PlannedJob("once", base(r, new Schedule.OneShot(at)).build(), new FireGrid.Once(at)));
        long shellRate = 2_000 + 1_000L * r.nextInt(3);
        jobs.add(new PlannedJob("shell", base(r, new Schedule.FixedRate(shellRate)).startMillis(start)
                .task(new Task.Shell(List.of("sh", "-c", "true"))).build(), new FireGrid.Every(start, shellRate, start)));
        // Month-scale crons do not fire within a run, but computing their first fire exercises the
        // calendar on days some months lack (seed 1 found "31W" throwing in November, seed 5 "29W" in 2027).
        String[] monthly = {"0 0 0 31W * ?", "0 0 12 LW * ?", "0 0 0 L-2 * ?", "0 30 1 15W * ?", "0 0 0 29W 2 ?"};
        jobs.add(new PlannedJob("monthly", base(r, new Schedule.Cron(monthly[r.nextInt(monthly.length)],
                ZONES[r.nextInt(ZONES.length)])).build(), null));
        jobs.add(new PlannedJob("delay", delayJob(r), null));
        jobs.add(new PlannedJob("adhoc", adhocJob(r), null));
        return jobs;
    }

    /** The fixed-delay job's spec; the client also draws new ones for UpdateJob. */
    static JobSpec delayJob(Random r) {
        return base(r, new Schedule.FixedDelay(1_000 + r.nextInt(2_000)))
                .target(new Target("", SINGLE[r.nextInt(SINGLE.length)])).build();
    }

    /** The on-demand job's spec; the client also deletes the job and creates it again. */
    static JobSpec adhocJob(Random r) {
        return base(r, new Schedule.OnDemand())
                .task(r.nextBoolean() ? new Task.Shell(List.of("echo", "hi")) : new Task.Java("report")).build();
    }

    private static JobSpec.Builder base(Random r, Schedule schedule) {
        MisfirePolicy[] misfires = {MisfirePolicy.skip(), MisfirePolicy.fireOnceNow(),
                MisfirePolicy.fireAllUpTo(1 + r.nextInt(3))};
        OverlapPolicy[] overlaps = OverlapPolicy.values();
        JobSpec.Builder b = JobSpec.builder(schedule).historySize(JobSpec.MAX_HISTORY)
                .misfire(misfires[r.nextInt(misfires.length)]).overlap(overlaps[r.nextInt(overlaps.length)]);
        if (r.nextBoolean()) {
            b.retry(new RetryPolicy(2 + r.nextInt(3), 200 + r.nextInt(500), 3_000));
        }
        if (r.nextInt(3) == 0) {
            b.timeoutMillis(2_000 + r.nextInt(4_000));
        }
        if (r.nextInt(5) == 0) {
            b.failover(FailoverPolicy.FAIL);
        }
        return b;
    }
}
