package io.kairos.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.kairos.scheduler.command.Command;
import io.kairos.scheduler.command.Result;
import io.kairos.scheduler.job.FailoverPolicy;
import io.kairos.scheduler.job.JobSpec;
import io.kairos.scheduler.job.Schedule;
import io.kairos.scheduler.job.Target;
import io.kairos.scheduler.job.Task;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Sharded and broadcast fires, shell eligibility, the failover policy and a worker leaving on purpose. */
class FanOutAndFailoverTest {

    private static JobSpec.Builder oneShotAt1000() {
        return JobSpec.builder(new Schedule.OneShot(1_000));
    }

    @Test
    void aShardedFireMakesOneRunPerShardEachToldItsIndexAndTheTotal() {
        Driver d = new Driver().create("etl", oneShotAt1000().target(new Target("", Target.Routing.SHARDING, 3))
                .build()).tick(1_000);
        assertThat(d.runs("etl")).extracting(RunView::shardIndex).containsExactly(0, 1, 2);
        assertThat(d.runs("etl")).extracting(RunView::shardTotal).containsOnly(3);
        assertThat(d.runs("etl")).extracting(RunView::scheduledMillis).containsOnly(1_000L);
        assertThat(d.job("etl").firedCount()).as("one scheduled time, fired once").isEqualTo(1);
    }

    @Test
    void aBroadcastFireMakesOneRunPinnedToEachLiveWorkerOfTheGroup() {
        Driver d = new Driver();
        d.apply(new Command.RegisterWorker("w1", Set.of("edge"), 1));
        d.apply(new Command.RegisterWorker("w2", Set.of("edge"), 1));
        d.apply(new Command.RegisterWorker("w3", Set.of("core"), 1));
        d.apply(new Command.RegisterWorker("w4", Set.of("edge"), 1));
        d.apply(new Command.WorkerLost("w4"));
        d.create("purge", oneShotAt1000().target(new Target("edge", Target.Routing.BROADCAST)).build()).tick(1_000);
        List<RunView> runs = d.runs("purge");
        assertThat(runs).extracting(RunView::pinnedWorker).containsExactly("w1", "w2");
        assertThat(d.assign(runs.get(0).runId(), "w2", 1)).isInstanceOf(Result.Rejected.class);
        assertThat(d.assign(runs.get(0).runId(), "w1", 1)).isInstanceOf(Result.Applied.class);
    }

    @Test
    void aBroadcastWithNoWorkerMakesOneRunForWhicheverComesFirst() {
        Driver d = new Driver().create("purge", oneShotAt1000().target(new Target("", Target.Routing.BROADCAST))
                .build()).tick(1_000);
        assertThat(d.runs("purge")).singleElement().extracting(RunView::pinnedWorker).isEqualTo("");
    }

    @Test
    void shellJobsGoOnlyToWorkersThatEnabledThem() {
        Driver d = new Driver();
        d.apply(new Command.RegisterWorker("plain", Set.of(), 1));
        d.apply(new Command.RegisterWorker("shelly", Set.of(Task.SHELL_TAG), 1));
        d.create("sh", oneShotAt1000().task(new Task.Shell(List.of("true"))).build()).tick(1_000);
        long run = d.run("sh", 0).runId();
        assertThat(d.assign(run, "plain", 1)).isEqualTo(new Result.Rejected(
                "worker plain does not run shell jobs (no tag kairos.shell)"));
        assertThat(d.assign(run, "shelly", 1)).isInstanceOf(Result.Applied.class);
    }

    @Test
    void underFailoverFailALostWorkersRunEndsFailedAndItsLateReportIsFenced() {
        Driver d = new Driver().worker("w1", 1).create("once", oneShotAt1000().failover(FailoverPolicy.FAIL).build())
                .tick(1_000);
        long run = d.run("once", 0).runId();
        d.assign(run, "w1", 1);
        d.apply(new Command.WorkerLost("w1"));
        assertThat(d.run("once", 0).state()).isEqualTo(RunState.FAILED);
        assertThat(d.run("once", 0).cause()).isEqualTo("worker w1 lost during attempt 1");
        assertThat(d.finished(run, 1, Command.Outcome.SUCCEEDED)).isInstanceOf(Result.StaleAttempt.class);
        assertThat(d.run("once", 0).state()).isEqualTo(RunState.FAILED);
    }

    @Test
    void underRedispatchALostWorkersRunIsANewAttemptDueAtOnce() {
        Driver d = new Driver().worker("w1", 1).worker("w2", 1).create("job", oneShotAt1000().build()).tick(1_000);
        long run = d.run("job", 0).runId();
        d.assign(run, "w1", 1);
        d.tick(1_500).apply(new Command.WorkerLost("w1"));
        RunView r = d.run("job", 0);
        assertThat(r.state()).isEqualTo(RunState.PENDING);
        assertThat(r.attempt()).isEqualTo(2);
        assertThat(r.failures()).as("a lost worker is not the job's failure").isZero();
        assertThat(d.assign(run, "w1", 2)).isEqualTo(new Result.Rejected("worker w1 was declared lost"));
        assertThat(d.assign(run, "w2", 2)).isInstanceOf(Result.Applied.class);
    }

    @Test
    void aDeregisteredWorkerIsForgottenAndItsAttemptsHandedBackWithoutCountingAsFailures() {
        Driver d = new Driver().worker("w1", 2).create("job", oneShotAt1000().build())
                .create("all", oneShotAt1000().target(new Target("", Target.Routing.BROADCAST)).build()).tick(1_000);
        long job = d.run("job", 0).runId();
        long pinned = d.run("all", 0).runId();
        d.assign(job, "w1", 1);
        d.assign(pinned, "w1", 1);
        assertThat(d.apply(new Command.DeregisterWorker("w1"))).isInstanceOf(Result.Applied.class);
        assertThat(d.machine.workers()).isEmpty();
        assertThat(d.run("job", 0).state()).isEqualTo(RunState.PENDING);
        assertThat(d.run("job", 0).attempt()).isEqualTo(2);
        assertThat(d.run("job", 0).failures()).isZero();
        assertThat(d.run("all", 0).state()).as("a broadcast run belongs to its worker").isEqualTo(RunState.FAILED);
        assertThat(d.apply(new Command.DeregisterWorker("w1"))).isEqualTo(new Result.NotFound("worker w1"));
    }

    @Test
    void aCancelledRunEndsItsAttemptIsFencedAndItCannotBeCancelledTwice() {
        Driver d = new Driver().worker("w1", 1).create("job", oneShotAt1000().build()).tick(1_000);
        long run = d.run("job", 0).runId();
        d.assign(run, "w1", 1);
        assertThat(d.apply(new Command.CancelRun(run))).isInstanceOf(Result.Applied.class);
        assertThat(d.run("job", 0).state()).isEqualTo(RunState.CANCELLED);
        assertThat(d.run("job", 0).cause()).isEqualTo("cancelled through the API during attempt 1");
        assertThat(d.machine.heldBy("w1")).as("the worker is told to stop it").isEmpty();
        assertThat(d.finished(run, 1, Command.Outcome.SUCCEEDED)).isInstanceOf(Result.StaleAttempt.class);
        assertThat(d.apply(new Command.CancelRun(run))).isEqualTo(new Result.Rejected("run " + run
                + " already ended CANCELLED"));
        assertThat(d.apply(new Command.CancelRun(999))).isEqualTo(new Result.NotFound("run 999"));
    }

    @Test
    void snapshotsKeepShardsAndPins() {
        Driver d = new Driver().worker("w1", 1)
                .create("s", oneShotAt1000().target(new Target("", Target.Routing.SHARDING, 2)).build())
                .create("b", oneShotAt1000().target(new Target("", Target.Routing.BROADCAST)).build()).tick(1_000);
        Driver restored = Driver.restoredFrom(d.snapshot());
        assertThat(restored.runs("s")).isEqualTo(d.runs("s"));
        assertThat(restored.runs("b")).isEqualTo(d.runs("b"));
        assertThat(restored.machine.dueRuns()).isEqualTo(d.machine.dueRuns());
        assertThat(restored.machine.digest()).isEqualTo(d.machine.digest());
    }
}
