package io.kairos.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.kairos.scheduler.command.Command;
import io.kairos.scheduler.command.Result;
import io.kairos.scheduler.job.JobSpec;
import io.kairos.scheduler.job.MisfirePolicy;
import io.kairos.scheduler.job.OverlapPolicy;
import io.kairos.scheduler.job.Schedule;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MisfireAndOverlapTest {

    /**
     * Every second from 10 s; the tick at 10 s fires on time, then nothing until 30 s. With the 5 s
     * threshold, 11 s .. 24 s are late (14 times) and 25 s .. 30 s on time.
     */
    @Nested
    class MisfireAfterALongGap {

        Driver gap(MisfirePolicy policy) {
            Driver d = new Driver().create("m", JobSpec.builder(new Schedule.FixedRate(1_000)).startMillis(10_000)
                    .misfire(policy).build());
            return d.tick(10_000).tick(30_000);
        }

        @Test
        void skipCountsEveryLateTimeAndFiresNone() {
            Driver d = gap(MisfirePolicy.skip());
            assertThat(d.fired("m")).containsExactly(10_000L, 25_000L, 26_000L, 27_000L, 28_000L, 29_000L, 30_000L);
            assertThat(d.job("m").skippedFires()).isEqualTo(14);
        }

        @Test
        void fireOnceNowFiresTheLatestLateTimeAndCountsTheRest() {
            Driver d = gap(MisfirePolicy.fireOnceNow());
            assertThat(d.fired("m")).containsExactly(10_000L, 24_000L, 25_000L, 26_000L, 27_000L, 28_000L, 29_000L,
                    30_000L);
            assertThat(d.job("m").skippedFires()).isEqualTo(13);
        }

        @Test
        void fireAllUpToALimitFiresTheLatestLateTimesOldestFirst() {
            Driver d = gap(MisfirePolicy.fireAllUpTo(3));
            assertThat(d.fired("m")).containsExactly(10_000L, 22_000L, 23_000L, 24_000L, 25_000L, 26_000L, 27_000L,
                    28_000L, 29_000L, 30_000L);
            assertThat(d.job("m").skippedFires()).isEqualTo(11);
        }

        @Test
        void theMisfirePolicyAppliesOnceTheLateTimesAreConsumed() {
            Driver d = gap(MisfirePolicy.skip()).tick(31_000).tick(32_000);
            assertThat(d.job("m").skippedFires()).isEqualTo(14);
            assertThat(d.fired("m")).endsWith(30_000L, 31_000L, 32_000L);
        }

        @Test
        void aDayLongOutageUnderAMillisecondRateIsCountedWithoutWalkingEveryTime() {
            Driver d = new Driver().create("fast", JobSpec.builder(new Schedule.FixedRate(1)).startMillis(1_000)
                    .misfire(MisfirePolicy.fireAllUpTo(2)).build());
            d.tick(1_000).tick(1_000 + 86_400_000);
            // Late: 1 001 .. 86 395 999; on time (within 5 s): 86 396 000 .. 86 401 000.
            assertThat(d.job("fast").skippedFires()).isEqualTo(86_394_999 - 2);
            assertThat(d.job("fast").firedCount()).isEqualTo(1 + 2 + 5_001);
            assertThat(d.fired("fast").subList(0, 4)).containsExactly(1_000L, 86_395_998L, 86_395_999L, 86_396_000L);
            assertThat(d.job("fast").nextFireMillis()).hasValue(86_401_001);
        }

        @Test
        void aLongCronOutageIsWalkedOverSeveralTicksWithTheSameOutcome() {
            Driver d = new Driver(new SchedulerStateMachine(5_000, 1_000)); // walks 1 000 late times per Tick
            long t = 1_000_000;
            long now = t + 3_000_000;
            d.create("sec", JobSpec.builder(new Schedule.Cron("* * * * * ?", "UTC")).startMillis(t)
                    .misfire(MisfirePolicy.fireAllUpTo(3)).build()).tick(t).tick(now);
            // Late: t + 1 s .. now - 6 s (2 994 times); on time: now - 5 s .. now.
            assertThat(d.job("sec").skippedFires()).isEqualTo(1_000);
            assertThat(d.fired("sec")).containsExactly(t);
            assertThat(d.machine.nextDueMillis().getAsLong()).isLessThanOrEqualTo(now); // tick again at once
            d.tick(now).tick(now);
            assertThat(d.job("sec").skippedFires()).isEqualTo(2_994 - 3);
            assertThat(d.fired("sec")).containsExactly(t, now - 8_000, now - 7_000, now - 6_000, now - 5_000,
                    now - 4_000, now - 3_000, now - 2_000, now - 1_000, now);
            assertThat(d.job("sec").nextFireMillis()).hasValue(now + 1_000);
        }

        @Test
        void aFixedDelayJobWhoseLateFireIsSkippedWaitsADelayFromNow() {
            Driver d = new Driver().create("fd", JobSpec.builder(new Schedule.FixedDelay(1_000)).startMillis(10_000)
                    .misfire(MisfirePolicy.skip()).build()).tick(20_000);
            assertThat(d.fired("fd")).isEmpty();
            assertThat(d.job("fd").skippedFires()).isEqualTo(1);
            assertThat(d.job("fd").nextFireMillis()).hasValue(21_000);
        }
    }

    /** Every 10 s from 0; the first run stays live while the next fires come. */
    @Nested
    class OverlapWhileARunIsLive {

        Driver twoFires(OverlapPolicy policy) {
            return new Driver().worker("w1", 4)
                    .create("o", JobSpec.builder(new Schedule.FixedRate(10_000)).startMillis(10_000).overlap(policy)
                            .build())
                    .tick(10_000);
        }

        @Test
        void allowStartsTheNewRunAlongside() {
            Driver d = twoFires(OverlapPolicy.ALLOW).tick(20_000);
            assertThat(d.runs("o")).extracting(RunView::state).containsExactly(RunState.PENDING, RunState.PENDING);
        }

        @Test
        void skipCountsTheFireAsSkipped() {
            Driver d = twoFires(OverlapPolicy.SKIP).tick(20_000);
            assertThat(d.fired("o")).containsExactly(10_000L);
            assertThat(d.job("o").skippedFires()).isEqualTo(1);
            assertThat(d.trigger("o")).isInstanceOf(Result.Rejected.class);
        }

        @Test
        void queueOneHoldsOneRunUntilTheLiveOneEndsAndSkipsFurtherFires() {
            Driver d = twoFires(OverlapPolicy.QUEUE_ONE).tick(20_000).tick(30_000);
            assertThat(d.runs("o")).extracting(RunView::state).containsExactly(RunState.PENDING, RunState.QUEUED);
            assertThat(d.job("o").skippedFires()).isEqualTo(1);
            long first = d.run("o", 0).runId();
            d.assign(first, "w1", 1);
            d.finished(first, 1, Command.Outcome.SUCCEEDED);
            assertThat(d.runs("o")).extracting(RunView::state).containsExactly(RunState.SUCCEEDED, RunState.PENDING);
            assertThat(d.run("o", 1).scheduledMillis()).isEqualTo(20_000);
        }

        @Test
        void cancelRunningCancelsTheLiveRunWhoseLateReportIsThenStale() {
            Driver d = twoFires(OverlapPolicy.CANCEL_RUNNING);
            long first = d.run("o", 0).runId();
            d.assign(first, "w1", 1);
            d.tick(20_000);
            assertThat(d.runs("o")).extracting(RunView::state).containsExactly(RunState.CANCELLED, RunState.PENDING);
            assertThat(d.finished(first, 1, Command.Outcome.SUCCEEDED)).isEqualTo(new Result.StaleAttempt(first, 1));
            assertThat(d.run("o", 0).state()).isEqualTo(RunState.CANCELLED);
            assertThat(d.job("o").staleReports()).isEqualTo(1);
        }
    }

    @Test
    void onTimeFiresAreNeverSkippedByTheMisfirePolicy() {
        Driver d = new Driver().create("t", JobSpec.builder(new Schedule.FixedRate(1_000)).startMillis(0)
                .misfire(MisfirePolicy.skip()).build());
        d.tick(5_000);
        assertThat(d.fired("t")).isEqualTo(List.of(0L, 1_000L, 2_000L, 3_000L, 4_000L, 5_000L));
        assertThat(d.job("t").skippedFires()).isZero();
    }
}
