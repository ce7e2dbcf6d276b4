package io.kairos.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.kairos.scheduler.command.Command;
import io.kairos.scheduler.command.Result;
import io.kairos.scheduler.job.JobSpec;
import io.kairos.scheduler.job.MisfirePolicy;
import io.kairos.scheduler.job.Schedule;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Each schedule type, its bounds, and the job lifecycle commands around it. */
class ScheduleTypesTest {

    @Test
    void fixedRateFiresEveryPeriodFromItsStartHoweverTheTicksFall() {
        Driver d = new Driver().create("rate", JobSpec.builder(new Schedule.FixedRate(1_000)).startMillis(1_000).build());
        for (long t = 0; t <= 5_600; t += 700) { // 0, 700, ..., 4 900, 5 600
            d.tick(t);
        }
        assertThat(d.fired("rate")).containsExactly(1_000L, 2_000L, 3_000L, 4_000L, 5_000L);
        assertThat(d.job("rate").nextFireMillis()).hasValue(6_000);
    }

    @Test
    void fixedDelayMeasuresFromThePreviousRunsEnd() {
        Driver d = new Driver().worker("w1", 1)
                .create("delay", JobSpec.builder(new Schedule.FixedDelay(2_000)).startMillis(10_000).build());
        d.tick(10_000).tick(15_000);
        assertThat(d.fired("delay")).containsExactly(10_000L);
        assertThat(d.job("delay").nextFireMillis()).isEmpty(); // waits for the end of the live run
        long runId = d.run("delay", 0).runId();
        d.assign(runId, "w1", 1);
        d.tick(16_000).finished(runId, 1, Command.Outcome.SUCCEEDED);
        assertThat(d.job("delay").nextFireMillis()).hasValue(18_000);
        d.tick(17_999);
        assertThat(d.fired("delay")).hasSize(1);
        d.tick(18_000);
        assertThat(d.fired("delay")).containsExactly(10_000L, 18_000L);
    }

    @Test
    void oneShotFiresOnceAtItsInstant() {
        Driver d = new Driver().create("once", JobSpec.builder(new Schedule.OneShot(5_000)).build());
        d.tick(1_000).tick(4_999);
        assertThat(d.fired("once")).isEmpty();
        assertThat(d.machine.nextDueMillis()).hasValue(5_000);
        d.tick(5_000).tick(9_000).tick(100_000);
        assertThat(d.fired("once")).containsExactly(5_000L);
        assertThat(d.job("once").nextFireMillis()).isEmpty();
        assertThat(d.machine.nextDueMillis()).isEmpty();
    }

    @Test
    void onDemandNeverFiresOnItsOwnAndTriggerRunsItNowWithItsParameters() {
        Driver d = new Driver().create("manual", JobSpec.builder(new Schedule.OnDemand()).build()).tick(1_000);
        d.tick(1_000_000);
        assertThat(d.runs("manual")).isEmpty();
        TreeMap<String, String> params = new TreeMap<>();
        params.put("region", "eu");
        Result r = d.apply(new Command.TriggerJob("manual", params));
        assertThat(r).isEqualTo(new Result.Applied(1));
        RunView run = d.run("manual", 0);
        assertThat(run.onDemand()).isTrue();
        assertThat(run.scheduledMillis()).isEqualTo(1_000_000);
        assertThat(run.params()).containsEntry("region", "eu");
        assertThat(d.job("manual").firedCount()).isZero();
    }

    @Test
    void startAndEndBoundsLimitTheFires() {
        Driver d = new Driver().create("bounded", JobSpec.builder(new Schedule.FixedRate(1_000))
                .startMillis(2_000).endMillis(4_500).build());
        for (long t = 0; t <= 9_000; t += 500) {
            d.tick(t);
        }
        assertThat(d.fired("bounded")).containsExactly(2_000L, 3_000L, 4_000L);
        assertThat(d.job("bounded").nextFireMillis()).isEmpty();
    }

    @Test
    void aJobCreatedBeforeAnyTickIsAnchoredAtTheFirstTick() {
        Driver d = new Driver().create("early", JobSpec.builder(new Schedule.FixedRate(1_000)).build());
        assertThat(d.job("early").nextFireMillis()).isEmpty();
        assertThat(d.machine.nextDueMillis()).hasValue(0); // asks the leader for a Tick now
        d.tick(1_700_000_000_000L).tick(1_700_000_001_000L);
        assertThat(d.fired("early")).containsExactly(1_700_000_000_000L, 1_700_000_001_000L);
        assertThat(d.job("early").skippedFires()).isZero();
    }

    @Test
    void aJobPausedBeforeAnyTickIsStillAnchoredByTheFirstTick() {
        // Found by ReplicationPropertyTest: the paused job stayed unanchored, its one-shot time unaccounted.
        Driver d = new Driver().create("p", JobSpec.builder(new Schedule.FixedRate(1_000)).build());
        d.apply(new Command.PauseJob("p"));
        d.tick(50_000);
        assertThat(d.job("p").nextFireMillis()).hasValue(50_000);
        d.apply(new Command.ResumeJob("p"));
        d.tick(51_000);
        assertThat(d.fired("p")).containsExactly(50_000L, 51_000L);
    }

    @Test
    void aTickBackwardsLeavesTheClockWhereItWas() {
        Driver d = new Driver().tick(10_000).tick(3_000);
        assertThat(d.machine.nowMillis()).isEqualTo(10_000);
    }

    @Test
    void updateNeedsTheCurrentVersionAndReschedulesFromTheClock() {
        Driver d = new Driver().tick(1_000).create("j", JobSpec.builder(new Schedule.FixedRate(1_000)).build());
        Result conflict = d.apply(new Command.UpdateJob("j", 2, JobSpec.builder(new Schedule.FixedRate(500)).build()));
        assertThat(conflict).isEqualTo(new Result.Conflict(1));
        d.tick(2_200);
        Result applied = d.apply(new Command.UpdateJob("j", 1, JobSpec.builder(new Schedule.FixedRate(500)).build()));
        assertThat(applied).isEqualTo(new Result.Applied(2));
        assertThat(d.job("j").version()).isEqualTo(2);
        d.tick(3_200);
        assertThat(d.fired("j")).containsExactly(1_000L, 2_000L, 2_200L, 2_700L, 3_200L);
    }

    @Test
    void anUpdateNeverFiresAgainATimeTheJobAlreadyFiredOrSkipped() {
        Driver d = new Driver().create("u", JobSpec.builder(new Schedule.FixedRate(1_000)).startMillis(1_000)
                .misfire(MisfirePolicy.fireAllUpTo(10)).build());
        d.tick(1_000).tick(2_000).tick(3_000);
        JobSpec sameStartFaster = JobSpec.builder(new Schedule.FixedRate(500)).startMillis(1_000)
                .misfire(MisfirePolicy.fireAllUpTo(10)).build();
        assertThat(d.apply(new Command.UpdateJob("u", 1, sameStartFaster))).isEqualTo(new Result.Applied(2));
        assertThat(d.job("u").nextFireMillis()).hasValue(3_500);
        d.tick(4_000);
        assertThat(d.fired("u")).containsExactly(1_000L, 2_000L, 3_000L, 3_500L, 4_000L);
        JobSpec cron = JobSpec.builder(new Schedule.Cron("*/2 * * * * ?", "UTC")).startMillis(0).build();
        d.apply(new Command.UpdateJob("u", 2, cron));
        assertThat(d.job("u").nextFireMillis()).hasValue(6_000);
        // Not after the latest time already fired (4 000): dropped, since it may repeat an earlier fire.
        d.apply(new Command.UpdateJob("u", 3, JobSpec.builder(new Schedule.OneShot(2_500)).build()));
        assertThat(d.job("u").nextFireMillis()).isEmpty();
        d.apply(new Command.UpdateJob("u", 4, JobSpec.builder(new Schedule.OneShot(4_500)).build()));
        assertThat(d.job("u").nextFireMillis()).hasValue(4_500);
    }

    @Test
    void aPausedJobDoesNotFireAndMeetsItsMisfirePolicyOnResume() {
        Driver d = new Driver().tick(1_000).create("p", JobSpec.builder(new Schedule.FixedRate(1_000)).build());
        d.apply(new Command.PauseJob("p"));
        d.tick(20_000);
        assertThat(d.fired("p")).isEmpty();
        assertThat(d.machine.nextDueMillis()).isEmpty();
        d.apply(new Command.ResumeJob("p"));
        d.tick(20_000);
        // Late (more than 5 s behind): 1 000 .. 14 000, fire once now keeps 14 000; on time: 15 000 .. 20 000.
        assertThat(d.fired("p")).containsExactly(14_000L, 15_000L, 16_000L, 17_000L, 18_000L, 19_000L, 20_000L);
        assertThat(d.job("p").skippedFires()).isEqualTo(13);
    }

    @Test
    void deleteRemovesTheJobAndItsRuns() {
        Driver d = new Driver().tick(1_000).create("gone", JobSpec.builder(new Schedule.FixedRate(1_000)).build())
                .tick(1_000);
        long runId = d.run("gone", 0).runId();
        assertThat(d.apply(new Command.DeleteJob("gone"))).isEqualTo(new Result.Applied(0));
        assertThat(d.machine.job("gone")).isEmpty();
        assertThat(d.apply(new Command.Started(runId, 1))).isEqualTo(new Result.NotFound("run " + runId));
        assertThat(d.machine.dueRuns()).isEmpty();
    }
}
