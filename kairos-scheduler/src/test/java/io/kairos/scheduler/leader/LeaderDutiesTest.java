package io.kairos.scheduler.leader;

import static org.assertj.core.api.Assertions.assertThat;

import io.kairos.scheduler.RunState;
import io.kairos.scheduler.RunView;
import io.kairos.scheduler.SchedulerStateMachine;
import io.kairos.scheduler.command.Command;
import io.kairos.scheduler.command.Result;
import io.kairos.scheduler.job.JobSpec;
import io.kairos.scheduler.job.Schedule;
import io.kairos.scheduler.job.Target;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The leader's duties against a real state machine, with the test as the clock and the log. */
class LeaderDutiesTest {

    static final long LEASE = 3_000;
    static final long RETRY = 1_000;

    final SchedulerStateMachine state = new SchedulerStateMachine();
    final LeaderDuties duties = new LeaderDuties(LEASE, RETRY);

    /** Proposes what is due and applies it at once, as if it committed. */
    List<Command> turn(long now) {
        List<Command> due = duties.commandsDue(now, state);
        due.forEach(this::apply);
        return due;
    }

    Result apply(Command c) {
        return state.apply(c);
    }

    void worker(String id, int capacity, long now, String... tags) {
        apply(new Command.RegisterWorker(id, Set.of(tags), capacity));
        duties.onHeartbeat(id, false, now);
    }

    @Test
    void aTickIsProposedWhenSomethingIsDueAndNotAgainWhileItIsInFlight() {
        apply(new Command.Tick(100));
        apply(new Command.CreateJob("j", JobSpec.builder(new Schedule.FixedRate(1_000)).startMillis(1_000).build()));
        duties.onElected(100, state);
        assertThat(duties.commandsDue(999, state)).isEmpty();
        assertThat(duties.nextWakeDelayMillis(999, 999, state)).hasValue(1);
        assertThat(duties.commandsDue(1_000, state)).containsExactly(new Command.Tick(1_000));
        assertThat(duties.commandsDue(1_001, state)).as("in flight").isEmpty();
        assertThat(duties.commandsDue(1_000 + RETRY, state)).as("lost, made again")
                .containsExactly(new Command.Tick(1_000 + RETRY));
    }

    @Test
    void aFailedProposalIsMadeAgainAtOnceNotAfterTheRetryInterval() {
        apply(new Command.Tick(100));
        worker("w1", 4, 100);
        apply(new Command.CreateJob("j", JobSpec.builder(new Schedule.OneShot(1_000)).build()));
        duties.onElected(100, state);
        assertThat(duties.commandsDue(1_000, state)).containsExactly(placedTick(1_000, "j", 1_000, "w1"));
        duties.onProposalFailed(placedTick(1_000, "j", 1_000, "w1"));
        assertThat(duties.commandsDue(1_001, state)).containsExactly(placedTick(1_001, "j", 1_000, "w1"));
        apply(new Command.Tick(1_001)); // an older leader's Tick, without placements: the run waits PENDING
        List<Command> assign = duties.commandsDue(1_002, state);
        assertThat(assign).hasSize(1);
        assertThat(duties.commandsDue(1_003, state)).as("in flight").isEmpty();
        duties.onProposalFailed(assign.get(0));
        assertThat(duties.commandsDue(1_004, state)).isEqualTo(assign);
    }

    static Command.Tick placedTick(long millis, String jobId, long scheduledMillis, String workerId) {
        return new Command.Tick(millis, List.of(new Command.Placement(jobId, scheduledMillis, 0, workerId)));
    }

    /** The workers the job's runs went to, oldest run first. */
    List<String> picked(String jobId) {
        return state.runs(jobId).stream().map(RunView::workerId).toList();
    }

    @Test
    void anOnTimeFireIsAssignedByTheCommitOfItsOwnTick() {
        apply(new Command.Tick(100));
        worker("w1", 4, 100);
        apply(new Command.CreateJob("j", JobSpec.builder(new Schedule.OneShot(1_000)).build()));
        duties.onElected(100, state);
        assertThat(turn(1_000)).containsExactly(placedTick(1_000, "j", 1_000, "w1"));
        assertThat(state.runs("j").get(0).state()).isEqualTo(RunState.ASSIGNED);
        assertThat(state.runs("j").get(0).assignedMillis()).isEqualTo(1_000);
        assertThat(duties.answerPoll("w1", List.of(), state).dispatches()).extracting(RunView::jobId)
                .containsExactly("j");
        assertThat(turn(1_001)).as("nothing left to assign").isEmpty();
    }

    @Test
    void aFireTheTickCouldNotPlaceIsAssignedAfterTheTickApplied() {
        apply(new Command.Tick(100));
        worker("w1", 4, 100);
        // Found late (beyond the misfire threshold), the fire is not guessed: its run waits for an Assign.
        apply(new Command.CreateJob("j", JobSpec.builder(new Schedule.OneShot(1_000)).build()));
        duties.onElected(100, state);
        long late = 1_000 + SchedulerStateMachine.DEFAULT_MISFIRE_THRESHOLD_MILLIS + 1;
        duties.onHeartbeat("w1", false, late);
        assertThat(turn(late)).containsExactly(new Command.Tick(late));
        assertThat(state.runs("j").get(0).state()).isEqualTo(RunState.PENDING);
        List<Command> next = turn(late + 1);
        assertThat(next).containsExactly(new Command.Assign(1, "w1", 1));
        assertThat(state.runs("j").get(0).state()).isEqualTo(RunState.ASSIGNED);
    }

    @Test
    void aPlacementToAWorkerLostBeforeTheTickAppliesIsRefusedAndTheRunWaits() {
        apply(new Command.Tick(100));
        worker("w1", 4, 100);
        apply(new Command.CreateJob("j", JobSpec.builder(new Schedule.OneShot(1_000)).build()));
        duties.onElected(100, state);
        List<Command> proposed = duties.commandsDue(1_000, state);
        assertThat(proposed).containsExactly(placedTick(1_000, "j", 1_000, "w1"));
        apply(new Command.WorkerLost("w1")); // committed ahead of the Tick
        assertThat(apply(proposed.get(0))).isEqualTo(new Result.Applied(0));
        assertThat(state.runs("j").get(0).state()).isEqualTo(RunState.PENDING);
        assertThat(state.staleReports()).as("a refused placement is no stale report").isZero();
    }

    @Test
    void placementsOfATickInFlightCountAgainstCapacity() {
        apply(new Command.Tick(100));
        worker("w1", 1, 100);
        worker("w2", 1, 100);
        for (String job : List.of("a", "b", "c")) {
            apply(new Command.CreateJob(job, JobSpec.builder(new Schedule.OneShot(200)).build()));
        }
        duties.onElected(100, state);
        List<Command> proposed = duties.commandsDue(200, state);
        assertThat(proposed).containsExactly(new Command.Tick(200, List.of(new Command.Placement("a", 200, 0, "w1"),
                new Command.Placement("b", 200, 0, "w2"))));
        apply(proposed.get(0));
        assertThat(state.runs("c").get(0).state()).as("both workers are full").isEqualTo(RunState.PENDING);
        assertThat(turn(201)).isEmpty();
    }

    @Test
    void assignsInFlightCountAgainstCapacity() {
        apply(new Command.Tick(100));
        worker("w1", 1, 100);
        apply(new Command.CreateJob("a", JobSpec.builder(new Schedule.OneShot(200)).build()));
        apply(new Command.CreateJob("b", JobSpec.builder(new Schedule.OneShot(200)).build()));
        apply(new Command.Tick(200));
        duties.onElected(200, state);
        List<Command> first = duties.commandsDue(201, state);
        assertThat(first).hasSize(1);
        assertThat(duties.commandsDue(202, state)).as("w1 is full with the Assign in flight").isEmpty();
    }

    @Test
    void aBurstLargerThanOneTickCarriesIsPlacedUpToTheLimitAndTheRestAssigned() {
        apply(new Command.Tick(100));
        worker("w1", 10_000, 100);
        int jobs = Command.MAX_PLACEMENTS + 5;
        for (int i = 0; i < jobs; i++) {
            apply(new Command.CreateJob("j" + i, JobSpec.builder(new Schedule.OneShot(200)).build()));
        }
        duties.onElected(100, state);
        List<Command> tick = turn(200);
        assertThat(tick).singleElement().isInstanceOfSatisfying(Command.Tick.class,
                t -> assertThat(t.placements()).hasSize(Command.MAX_PLACEMENTS));
        assertThat(turn(201)).hasSize(5).allMatch(c -> c instanceof Command.Assign);
        assertThat(state.worker("w1").orElseThrow().held()).isEqualTo(jobs);
    }

    @Test
    void roundRobinTakesTheGroupInTurn() {
        apply(new Command.Tick(100));
        for (String w : List.of("w1", "w2", "w3")) {
            worker(w, 10, 100, "g");
        }
        apply(new Command.CreateJob("j", JobSpec.builder(new Schedule.FixedRate(100)).startMillis(200)
                .target(new Target("g", Target.Routing.ROUND_ROBIN)).build()));
        duties.onElected(100, state);
        for (long t = 200; t < 800; t += 100) {
            turn(t); // the Tick, which places the fire
            assertThat(turn(t + 1)).isEmpty();
        }
        assertThat(picked("j")).containsExactly("w1", "w2", "w3", "w1", "w2", "w3");
    }

    @Test
    void leastBusyPicksTheLowestShareOfCapacityInUse() {
        apply(new Command.Tick(100));
        worker("big", 4, 100);
        worker("small", 2, 100);
        apply(new Command.CreateJob("j", JobSpec.builder(new Schedule.FixedRate(100)).startMillis(200)
                .target(new Target("", Target.Routing.LEAST_BUSY)).build()));
        duties.onElected(100, state);
        for (long t = 200; t < 800; t += 100) {
            turn(t);
        }
        // Nothing finishes: 0/4 = 0/2 (tie, lower id), 1/4 > 0/2, 1/4 < 1/2, 2/4 = 1/2 (fewer held), then small is full.
        assertThat(picked("j")).containsExactly("big", "small", "big", "small", "big", "big");
    }

    @Test
    void firstHealthyStaysOnTheFirstWorkerUntilItIsLost() {
        apply(new Command.Tick(100));
        worker("a", 10, 100);
        worker("b", 10, 100);
        apply(new Command.CreateJob("j", JobSpec.builder(new Schedule.FixedRate(100)).startMillis(200)
                .target(new Target("", Target.Routing.FIRST_HEALTHY)).build()));
        duties.onElected(100, state);
        assertThat(turn(200)).containsExactly(placedTick(200, "j", 200, "a"));
        apply(new Command.WorkerLost("a"));
        assertThat(state.runs("j").get(0).state()).isEqualTo(RunState.PENDING);
        assertThat(turn(202)).containsExactly(new Command.Assign(1, "b", 2));
    }

    @Test
    void consistentHashKeepsAKeyOnItsWorkerAndMovesOnlyTheKeysOfAWorkerThatLeaves() {
        List<io.kairos.scheduler.WorkerView> three = List.of(view("w1"), view("w2"), view("w3"));
        List<io.kairos.scheduler.WorkerView> two = List.of(view("w1"), view("w3"));
        int moved = 0;
        int onW2 = 0;
        for (int k = 0; k < 300; k++) {
            String before = Router.consistentHash("key" + k, three).workerId();
            String again = Router.consistentHash("key" + k, three).workerId();
            String after = Router.consistentHash("key" + k, two).workerId();
            assertThat(again).isEqualTo(before);
            if (before.equals("w2")) {
                onW2++;
            } else {
                assertThat(after).as("key%d was not on the worker that left", k).isEqualTo(before);
            }
            moved += before.equals(after) ? 0 : 1;
        }
        assertThat(moved).isEqualTo(onW2);
        assertThat(onW2).as("a fair share of 300 keys").isBetween(50, 150);
    }

    private static io.kairos.scheduler.WorkerView view(String id) {
        return new io.kairos.scheduler.WorkerView(id, new java.util.TreeSet<>(), 10, false, 0);
    }

    @Test
    void shardsSpreadOverTheGroupAndBroadcastRunsGoToTheirOwnWorkers() {
        apply(new Command.Tick(100));
        worker("w1", 10, 100);
        worker("w2", 10, 100);
        apply(new Command.CreateJob("s", JobSpec.builder(new Schedule.OneShot(200))
                .target(new Target("", Target.Routing.SHARDING, 4)).build()));
        apply(new Command.CreateJob("b", JobSpec.builder(new Schedule.OneShot(200))
                .target(new Target("", Target.Routing.BROADCAST)).build()));
        duties.onElected(100, state);
        turn(200);
        turn(201);
        assertThat(state.runs("s")).extracting(RunView::workerId).containsExactly("w1", "w2", "w1", "w2");
        assertThat(state.runs("b")).extracting(RunView::workerId).containsExactly("w1", "w2");
    }

    @Test
    void aNewLeaderGivesEveryWorkerAFullLeaseBeforeDeclaringItLost() {
        apply(new Command.Tick(100));
        apply(new Command.RegisterWorker("w1", Set.of(), 1));
        // The worker was last heard by an old leader long ago; this leader was elected at 50_000.
        duties.onElected(50_000, state);
        assertThat(turn(50_000 + LEASE - 1)).as("no false failover after an election").isEmpty();
        assertThat(turn(50_000 + LEASE)).containsExactly(new Command.WorkerLost("w1"));
        assertThat(state.worker("w1").orElseThrow().lost()).isTrue();
    }

    @Test
    void leasesRunOnTheElapsedClockSoAWallClockStepNeitherKillsNorSparesAWorker() {
        apply(new Command.Tick(100));
        worker("w1", 1, 100);
        apply(new Command.RegisterWorker("silent", Set.of(), 1));
        duties.onElected(100, state);
        duties.onHeartbeat("w1", false, 100);
        // The wall clock jumps an hour ahead (an NTP step) while one second passes.
        long hourLater = 100 + 3_600_000;
        assertThat(duties.commandsDue(hourLater, 1_100, state)).as("no false failover on a clock step").isEmpty();
        duties.onHeartbeat("w1", false, 100 + LEASE);
        // It jumps back behind the replicated clock; the silent worker's lease still ends on time.
        List<Command> lost = duties.commandsDue(50, 100 + LEASE, state);
        assertThat(lost).containsExactly(new Command.WorkerLost("silent"));
        lost.forEach(this::apply);
        assertThat(duties.commandsDue(50, 101 + LEASE, state)).isEmpty();
        assertThat(duties.nextWakeDelayMillis(50, 101 + LEASE, state)).as("until w1's lease ends, elapsed")
                .hasValue(LEASE - 1);
    }

    @Test
    void heartbeatsKeepALeaseAliveAndAnUnappliedWorkerLostIsMadeAgain() {
        apply(new Command.Tick(100));
        worker("w1", 1, 100);
        duties.onElected(100, state);
        for (long t = 1_000; t <= 10_000; t += 1_000) {
            duties.onHeartbeat("w1", false, t);
            assertThat(turn(t)).isEmpty();
        }
        assertThat(duties.commandsDue(10_000 + LEASE, state)).containsExactly(new Command.WorkerLost("w1"));
        assertThat(duties.commandsDue(10_000 + LEASE + 1, state)).as("in flight").isEmpty();
        assertThat(duties.commandsDue(10_000 + LEASE + RETRY, state)).containsExactly(new Command.WorkerLost("w1"));
    }

    @Test
    void aDrainingWorkerGetsNothingNew() {
        apply(new Command.Tick(100));
        worker("w1", 5, 100);
        apply(new Command.CreateJob("j", JobSpec.builder(new Schedule.OneShot(200)).build()));
        duties.onElected(100, state);
        duties.onHeartbeat("w1", true, 150);
        turn(200);
        assertThat(turn(201)).isEmpty();
        duties.onHeartbeat("w1", false, 202);
        assertThat(turn(203)).hasSize(1);
    }

    @Test
    void pollsGetTheirCommittedAttemptsUntilListedAndCancelsForAttemptsNoLongerTheirs() {
        apply(new Command.Tick(100));
        worker("w1", 5, 100);
        worker("w2", 5, 100);
        apply(new Command.CreateJob("j", JobSpec.builder(new Schedule.OneShot(200))
                .target(new Target("", Target.Routing.FIRST_HEALTHY)).build()));
        duties.onElected(100, state);
        turn(200);
        turn(201);
        PollAnswer first = duties.answerPoll("w1", List.of(), state);
        assertThat(first.dispatches()).extracting(RunView::runId).containsExactly(1L);
        assertThat(duties.answerPoll("w1", List.of(), state).dispatches()).as("again until listed").hasSize(1);
        assertThat(duties.answerPoll("w1", List.of(new HeldAttempt(1, 1)), state).isEmpty()).isTrue();

        apply(new Command.WorkerLost("w1"));
        PollAnswer lost = duties.answerPoll("w1", List.of(new HeldAttempt(1, 1)), state);
        assertThat(lost.registered()).isFalse();
        assertThat(lost.cancels()).containsExactly(new HeldAttempt(1, 1));

        apply(new Command.RegisterWorker("w1", Set.of(), 5));
        PollAnswer back = duties.answerPoll("w1", List.of(new HeldAttempt(1, 1)), state);
        assertThat(back.registered()).isTrue();
        assertThat(back.cancels()).as("attempt 1 was fenced off by the failover").containsExactly(new HeldAttempt(1, 1));
        assertThat(duties.answerPoll("w2", List.of(), state).dispatches()).isEmpty();
        turn(300);
        assertThat(duties.answerPoll("w1", List.of(), state).dispatches()).extracting(RunView::attempt)
                .containsExactly(2);
    }
}
