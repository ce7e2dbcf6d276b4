package io.kairos.sim.sched;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kairos.scheduler.SchedulerStateMachine;
import io.kairos.scheduler.command.Command;
import io.kairos.scheduler.job.JobSpec;
import io.kairos.scheduler.job.MisfirePolicy;
import io.kairos.scheduler.job.Schedule;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The end-state invariants catch the states they are about. */
class EndStateTest {

    static SchedulerStateMachine fixedRateTickedTo(long end, MisfirePolicy misfire) {
        SchedulerStateMachine s = new SchedulerStateMachine();
        s.apply(new Command.Tick(1_000));
        s.apply(new Command.CreateJob("r", JobSpec.builder(new Schedule.FixedRate(2_000)).startMillis(2_000)
                .misfire(misfire).historySize(JobSpec.MAX_HISTORY).build()));
        s.apply(new Command.Tick(2_500));
        s.apply(new Command.Tick(end)); // a long gap: late times meet the misfire policy
        return s;
    }

    @Test
    void firesAndSkipsThatAddUpToTheScheduleAreAccepted() {
        for (MisfirePolicy m : List.of(MisfirePolicy.skip(), MisfirePolicy.fireOnceNow(), MisfirePolicy.fireAllUpTo(2))) {
            SchedulerStateMachine s = fixedRateTickedTo(30_000, m);
            assertThatNoException().isThrownBy(() -> EndState.checkFiring(s,
                    List.of(new Workload.PlannedJob("r", null, new FireGrid.Every(2_000, 2_000, 2_000)))));
        }
    }

    @Test
    void aScheduleTimeNeitherFiredNorSkippedIsCaught() {
        SchedulerStateMachine s = fixedRateTickedTo(30_000, MisfirePolicy.skip());
        // Judged against a grid twice as dense, half the times were never fired or skipped.
        assertThatThrownBy(() -> EndState.checkFiring(s,
                List.of(new Workload.PlannedJob("r", null, new FireGrid.Every(2_000, 1_000, 2_000)))))
                .hasMessageContaining("exactly once or skipped");
    }

    @Test
    void aRunStuckInBothLooksIsAViolationButOneThatMovedIsNot() {
        Map<String, String> first = Map.of("5/1/ASSIGNED/w1", "stuck", "6/1/PENDING/", "waiting");
        assertThatNoException().isThrownBy(() -> EndState.checkStuck(first, Map.of("6/2/PENDING/", "new attempt")));
        assertThatThrownBy(() -> EndState.checkStuck(first, Map.of("5/1/ASSIGNED/w1", "stuck")))
                .hasMessageContaining("live runs are where they should be");
    }

    @Test
    void aRunAssignedToAWorkerThatDoesNotHoldItIsASuspect() {
        SchedulerStateMachine s = SchedulerChecksTest.withOneAssignedRun();
        assertThatThrownBy(() -> EndState.checkStuck(EndState.suspects(s, List.of(), 0), EndState.suspects(s, List.of(), 0)))
                .hasMessageContaining("does not hold it");
    }

    @Test
    void aTriggerTimerBehindTheLeadersClockIsASuspect() {
        SchedulerStateMachine s = fixedRateTickedTo(30_000, MisfirePolicy.skip());
        long due = s.nextDueMillis().orElseThrow();
        assertThat(EndState.suspects(s, List.of(), due + 1_000)).isEmpty();
        assertThat(EndState.suspects(s, List.of(), due + EndState.TIMER_SLACK_MILLIS).values())
                .anyMatch(v -> v.contains("trigger timer is behind"));
    }
}
