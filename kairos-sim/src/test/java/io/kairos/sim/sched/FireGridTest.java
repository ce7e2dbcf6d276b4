package io.kairos.sim.sched;

import static org.assertj.core.api.Assertions.assertThat;

import io.kairos.scheduler.SchedulerStateMachine;
import io.kairos.scheduler.command.Command;
import io.kairos.scheduler.job.JobSpec;
import io.kairos.scheduler.job.Schedule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The simulator's own calendar of cron times agrees with the state machine's over daylight-saving
 * changes, second by second: the hour that repeats fires nothing, the gap fires once at its end.
 */
class FireGridTest {

    @ParameterizedTest(name = "{0} {1} from {2}")
    @CsvSource({
        "*/3 * * * * ?, Europe/Berlin, 2026-03-29T00:58:00Z, 0, 3",
        "7/10 * * * * ?, Europe/Berlin, 2026-03-29T00:58:00Z, 7, 10",
        "7/10 * * * * ?, Europe/Berlin, 2026-10-25T00:58:00Z, 7, 10",
        "*/3 * * * * ?, America/New_York, 2026-11-01T05:58:00Z, 0, 3",
        "7/10 * * * * ?, Australia/Lord_Howe, 2026-10-03T15:28:00Z, 7, 10",
    })
    void cronSecondsAgreesWithTheStateMachineAcrossATransition(String cron, String zone, String from, long first,
            long step) {
        long start = Instant.parse(from).toEpochMilli();
        SchedulerStateMachine s = new SchedulerStateMachine();
        s.apply(new Command.Tick(start));
        s.apply(new Command.CreateJob("j", JobSpec.builder(new Schedule.Cron(cron, zone)).startMillis(start)
                .historySize(JobSpec.MAX_HISTORY).build()));
        long end = start + 2 * 3_600_000;
        for (long t = start; t <= end; t += 1_000) {
            s.apply(new Command.Tick(t));
        }
        List<Long> fired = new ArrayList<>();
        s.runs("j").forEach(r -> fired.add(r.scheduledMillis()));
        FireGrid grid = new FireGrid.CronSeconds(first, step, zone, start);

        assertThat(fired).allMatch(grid::contains);
        assertThat((long) fired.size()).isEqualTo(grid.countBefore(end + 1));
        assertThat(s.job("j").orElseThrow().skippedFires()).isZero();
    }

    @Test
    void everyCountsTheAnchorAndEachPeriodAfterIt() {
        FireGrid.Every g = new FireGrid.Every(10_000, 3_000, 10_000);
        assertThat(g.countBefore(10_000)).isZero();
        assertThat(g.countBefore(10_001)).isEqualTo(1);
        assertThat(g.countBefore(19_001)).isEqualTo(4);
        assertThat(g.contains(16_000)).isTrue();
        assertThat(g.contains(7_000)).isFalse();
    }
}
