package io.kairos.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.kairos.scheduler.command.Command;
import io.kairos.scheduler.command.Result;
import io.kairos.scheduler.job.JobSpec;
import io.kairos.scheduler.job.OverlapPolicy;
import io.kairos.scheduler.job.Schedule;
import io.kairos.scheduler.job.Target;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A Tick's placements assign the runs it makes in the same apply, by the rules of an Assign, or change nothing. */
class PlacedTickTest {

    static final JobSpec EVERY_SECOND = JobSpec.builder(new Schedule.FixedRate(1_000)).startMillis(1_000)
            .target(new Target("g", Target.Routing.ROUND_ROBIN)).build();

    static Command.Tick tick(long millis, Command.Placement... placements) {
        return new Command.Tick(millis, List.of(placements));
    }

    @Test
    void aPlacementMatchingTheFireAssignsItsRunInTheSameApply() {
        Driver d = new Driver().tick(500).worker("w1", 2).create("j", EVERY_SECOND);
        assertThat(d.machine.expectedFires(1_000)).extracting(ExpectedFire::jobId, ExpectedFire::scheduledMillis)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("j", 1_000L));
        assertThat(d.apply(tick(1_000, new Command.Placement("j", 1_000, 0, "w1")))).isEqualTo(new Result.Applied(1));
        RunView run = d.run("j", 0);
        assertThat(run.state()).isEqualTo(RunState.ASSIGNED);
        assertThat(run.workerId()).isEqualTo("w1");
        assertThat(run.assignedMillis()).isEqualTo(1_000);
        assertThat(d.machine.heldBy("w1")).containsExactly(run);
        assertThat(d.machine.dueRuns()).isEmpty();
        assertThat(d.machine.indexesMatchAFullScan()).isTrue();
    }

    @Test
    void placementsThatMatchNoNewRunOrWouldBeRefusedChangeNothing() {
        Driver d = new Driver().tick(500).worker("w1", 1).create("j", EVERY_SECOND).create("k", EVERY_SECOND);
        d.apply(new Command.RegisterWorker("untagged", Set.of(), 5));
        d.apply(new Command.RegisterWorker("gone", Set.of("g"), 5));
        d.apply(new Command.WorkerLost("gone"));
        Result r = d.apply(tick(1_000,
                new Command.Placement("j", 999, 0, "w1"), // no fire at 999
                new Command.Placement("j", 1_000, 1, "w1"), // no shard 1
                new Command.Placement("nope", 1_000, 0, "w1"), // no such job
                new Command.Placement("k", 1_000, 0, "untagged"), // lacks the group tag
                new Command.Placement("k", 1_000, 0, "gone"), // declared lost
                new Command.Placement("k", 1_000, 0, "ghost"))); // never registered
        assertThat(r).isEqualTo(new Result.Applied(0));
        assertThat(d.runs("j")).extracting(RunView::state).containsExactly(RunState.PENDING);
        assertThat(d.runs("k")).extracting(RunView::state).containsExactly(RunState.PENDING);
        assertThat(d.machine.staleReports()).isZero();
        // Capacity: w1 takes one; the second placement on it is refused and that run waits.
        d.apply(tick(2_000, new Command.Placement("j", 2_000, 0, "w1"), new Command.Placement("k", 2_000, 0, "w1")));
        assertThat(d.machine.heldBy("w1")).extracting(RunView::jobId, RunView::scheduledMillis)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("j", 2_000L));
        assertThat(d.machine.indexesMatchAFullScan()).isTrue();
    }

    @Test
    void aPlacementNeverTouchesARunAnEarlierTickMade() {
        Driver d = new Driver().tick(500).worker("w1", 5).create("j", EVERY_SECOND).tick(1_000);
        assertThat(d.run("j", 0).state()).isEqualTo(RunState.PENDING);
        // A Tick that fires nothing new names the old fire: the run stays for an ordinary Assign.
        assertThat(d.apply(tick(1_001, new Command.Placement("j", 1_000, 0, "w1")))).isEqualTo(new Result.Applied(0));
        assertThat(d.run("j", 0).state()).isEqualTo(RunState.PENDING);
    }

    @Test
    void everyShardOfASpreadFireCanBePlaced() {
        JobSpec sharded = JobSpec.builder(new Schedule.OneShot(1_000))
                .target(new Target("g", Target.Routing.SHARDING, 3)).build();
        Driver d = new Driver().tick(500).worker("w1", 5).worker("w2", 5).create("s", sharded);
        assertThat(d.machine.expectedFires(1_000)).extracting(ExpectedFire::shardIndex).containsExactly(0, 1, 2);
        d.apply(tick(1_000, new Command.Placement("s", 1_000, 0, "w1"), new Command.Placement("s", 1_000, 1, "w2"),
                new Command.Placement("s", 1_000, 2, "w1")));
        assertThat(d.runs("s")).extracting(RunView::workerId).containsExactly("w1", "w2", "w1");
    }

    @Test
    void expectedFiresLeaveOutWhatATickWouldNotMakePendingOnTime() {
        Driver d = new Driver().tick(500).worker("w1", 5);
        d.create("paused", EVERY_SECOND).apply(new Command.PauseJob("paused"));
        d.create("broadcast", JobSpec.builder(new Schedule.OneShot(1_000))
                .target(new Target("g", Target.Routing.BROADCAST)).build());
        d.create("later", JobSpec.builder(new Schedule.OneShot(5_000)).build());
        d.create("skipping", JobSpec.builder(new Schedule.FixedRate(1_000)).startMillis(1_000)
                .overlap(OverlapPolicy.SKIP).build());
        d.create("once", JobSpec.builder(new Schedule.OneShot(1_000)).build());
        assertThat(d.machine.expectedFires(1_000)).extracting(ExpectedFire::jobId)
                .containsExactly("once", "skipping");
        d.tick(1_000); // "skipping" now has a live run; "once" fired
        assertThat(d.machine.expectedFires(2_000)).as("skipping would skip").isEmpty();
        long beyond = 1_500 + SchedulerStateMachine.DEFAULT_MISFIRE_THRESHOLD_MILLIS + 1;
        d.create("old", JobSpec.builder(new Schedule.OneShot(1_500)).build());
        assertThat(d.machine.expectedFires(beyond)).as("the fire at 1,500 is late by then").extracting(
                ExpectedFire::jobId).containsExactly("later");
    }
}
