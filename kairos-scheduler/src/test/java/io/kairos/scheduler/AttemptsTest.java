package io.kairos.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.kairos.scheduler.command.Command;
import io.kairos.scheduler.command.Result;
import io.kairos.scheduler.job.JobSpec;
import io.kairos.scheduler.job.RetryPolicy;
import io.kairos.scheduler.job.Schedule;
import io.kairos.scheduler.job.Target;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Retries with backoff, timeouts, the fencing rule and failover of a lost worker's runs. */
class AttemptsTest {

    private Driver oneRun(JobSpec.Builder spec) {
        Driver d = new Driver().worker("w1", 2).worker("w2", 2)
                .create("j", spec.startMillis(10_000).build()).tick(10_000);
        return d;
    }

    private static JobSpec.Builder oneShot() {
        return JobSpec.builder(new Schedule.OneShot(10_000));
    }

    @Test
    void failuresRetryWithExponentialBackoffUpToTheCapThenTheRunFails() {
        Driver d = oneRun(oneShot().retry(new RetryPolicy(4, 1_000, 2_500)));
        long runId = d.run("j", 0).runId();
        long[] expectedDue = {11_000, 13_000, 15_500}; // backoff 1 000, 2 000, then 4 000 capped at 2 500
        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThat(d.assign(runId, "w1", attempt)).isEqualTo(new Result.Applied(0));
            assertThat(d.finished(runId, attempt, Command.Outcome.FAILED)).isEqualTo(new Result.Applied(0));
            RunView run = d.run("j", 0);
            assertThat(run.attempt()).isEqualTo(attempt + 1);
            assertThat(run.state()).isEqualTo(RunState.PENDING);
            assertThat(run.dueMillis()).isEqualTo(expectedDue[attempt - 1]);
            assertThat(d.machine.nextDueMillis()).hasValue(expectedDue[attempt - 1]);
            assertThat(d.machine.dueRuns()).isEmpty();
            assertThat(d.assign(runId, "w1", attempt + 1)).isInstanceOf(Result.Rejected.class); // not due yet
            d.tick(expectedDue[attempt - 1]);
            assertThat(d.machine.dueRuns()).extracting(RunView::runId).containsExactly(runId);
        }
        d.assign(runId, "w1", 4);
        d.finished(runId, 4, Command.Outcome.FAILED);
        assertThat(d.run("j", 0).state()).isEqualTo(RunState.FAILED);
        assertThat(d.run("j", 0).failures()).isEqualTo(4);
        assertThat(d.machine.dueRuns()).isEmpty();
    }

    @Test
    void anAttemptStillLiveAtItsTimeoutFailsAtTheTickThatSeesIt() {
        Driver d = oneRun(oneShot().timeoutMillis(3_000).retry(new RetryPolicy(2, 500, 500)));
        long runId = d.run("j", 0).runId();
        d.assign(runId, "w1", 1);
        d.apply(new Command.Started(runId, 1));
        assertThat(d.machine.nextDueMillis()).hasValue(13_000);
        d.tick(12_999);
        assertThat(d.run("j", 0).state()).isEqualTo(RunState.RUNNING);
        d.tick(13_000);
        RunView retried = d.run("j", 0);
        assertThat(retried.attempt()).isEqualTo(2);
        assertThat(retried.state()).isEqualTo(RunState.PENDING);
        assertThat(retried.dueMillis()).isEqualTo(13_500);
        assertThat(retried.cause()).contains("timed out after 3000 ms");
        d.tick(13_500).assign(runId, "w2", 2);
        d.tick(16_500);
        assertThat(d.run("j", 0).state()).isEqualTo(RunState.FAILED);
        // The first worker's late report of its timed-out attempt is fenced off.
        assertThat(d.finished(runId, 1, Command.Outcome.SUCCEEDED)).isEqualTo(new Result.StaleAttempt(runId, 2));
    }

    @Test
    void aLateReportOfAnOldAttemptIsRejectedCountedAndChangesNothingElse() {
        Driver d = oneRun(oneShot());
        long runId = d.run("j", 0).runId();
        d.assign(runId, "w1", 1);
        d.apply(new Command.WorkerLost("w1"));
        d.assign(runId, "w2", 2);
        RunView before = d.run("j", 0);
        JobView jobBefore = d.job("j");

        assertThat(d.finished(runId, 1, Command.Outcome.SUCCEEDED)).isEqualTo(new Result.StaleAttempt(runId, 2));
        assertThat(d.apply(new Command.Started(runId, 1))).isEqualTo(new Result.StaleAttempt(runId, 2));

        assertThat(d.run("j", 0)).isEqualTo(before);
        assertThat(d.job("j").staleReports()).isEqualTo(jobBefore.staleReports() + 2);
        assertThat(d.machine.staleReports()).isEqualTo(2);
        assertThat(d.finished(runId, 2, Command.Outcome.SUCCEEDED)).isEqualTo(new Result.Applied(0));
        assertThat(d.run("j", 0).state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(d.finished(runId, 2, Command.Outcome.FAILED)).isEqualTo(new Result.StaleAttempt(runId, 2));
    }

    @Test
    void workerLostRequeuesEachOfItsRunsAsANewAttemptDueNowWithoutSpendingARetry() {
        Driver d = new Driver().worker("w1", 5).worker("w2", 5)
                .create("a", oneShot().build()).create("b", oneShot().build()).tick(10_000).tick(12_000);
        long a = d.run("a", 0).runId();
        long b = d.run("b", 0).runId();
        d.assign(a, "w1", 1);
        d.assign(b, "w1", 1);
        d.apply(new Command.Started(b, 1));
        d.tick(15_000);
        assertThat(d.apply(new Command.WorkerLost("w1"))).isEqualTo(new Result.Applied(0));
        assertThat(d.machine.dueRuns()).extracting(RunView::runId, RunView::attempt, RunView::dueMillis)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(a, 2, 15_000L),
                        org.assertj.core.groups.Tuple.tuple(b, 2, 15_000L));
        assertThat(d.run("b", 0).failures()).isZero();
        assertThat(d.assign(a, "w1", 2)).isEqualTo(new Result.Rejected("worker w1 was declared lost"));
        assertThat(d.assign(a, "w2", 2)).isEqualTo(new Result.Applied(0));
        d.apply(new Command.RegisterWorker("w1", Set.of("g"), 5));
        assertThat(d.assign(b, "w1", 2)).isEqualTo(new Result.Applied(0));
    }

    @Test
    void assignHonoursTheGroupTagAndTheWorkersCapacity() {
        Driver d = new Driver().worker("w1", 1);
        d.apply(new Command.RegisterWorker("gpu1", Set.of("gpu"), 1));
        d.create("train", oneShot().target(new Target("gpu", Target.Routing.LEAST_BUSY)).build())
                .create("x", oneShot().build()).create("y", oneShot().build()).tick(10_000);
        long train = d.run("train", 0).runId();
        assertThat(d.assign(train, "w1", 1)).isEqualTo(new Result.Rejected("worker w1 lacks the job's group tag 'gpu'"));
        assertThat(d.assign(train, "gpu1", 1)).isEqualTo(new Result.Applied(0));
        assertThat(d.assign(d.run("x", 0).runId(), "w1", 1)).isEqualTo(new Result.Applied(0));
        assertThat(d.assign(d.run("y", 0).runId(), "w1", 1))
                .isEqualTo(new Result.Rejected("worker w1 is at its capacity of 1"));
        assertThat(d.assign(d.run("y", 0).runId(), "nobody", 1)).isEqualTo(new Result.NotFound("worker nobody"));
        assertThat(d.assign(train, "gpu1", 1)).isEqualTo(new Result.Rejected(
                "run " + train + " attempt 1 is ASSIGNED, not PENDING"));
    }

    @Test
    void historyKeepsTheNewestFinishedRunsAndEveryLiveOne() {
        Driver d = new Driver().worker("w1", 10).create("h", JobSpec.builder(new Schedule.FixedRate(1_000))
                .startMillis(1_000).historySize(2).build());
        for (long t = 1_000; t <= 5_000; t += 1_000) {
            d.tick(t);
            RunView run = d.runs("h").get(d.runs("h").size() - 1);
            d.assign(run.runId(), "w1", 1);
            d.finished(run.runId(), 1, Command.Outcome.SUCCEEDED);
        }
        d.tick(6_000);
        assertThat(d.fired("h")).containsExactly(4_000L, 5_000L, 6_000L);
        assertThat(d.job("h").firedCount()).isEqualTo(6);
    }
}
