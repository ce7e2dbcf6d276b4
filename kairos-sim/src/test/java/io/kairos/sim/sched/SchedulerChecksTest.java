package io.kairos.sim.sched;

import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kairos.scheduler.SchedulerStateMachine;
import io.kairos.scheduler.command.Command;
import io.kairos.scheduler.command.Result;
import io.kairos.scheduler.leader.HeldAttempt;
import io.kairos.scheduler.job.JobSpec;
import io.kairos.scheduler.job.Schedule;
import io.kairos.sim.check.InvariantViolation;
import io.kairos.sim.event.EventLoop;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each apply-time invariant catches the history it is about. */
class SchedulerChecksTest {

    final SchedulerChecks checks = new SchedulerChecks(1, new SchedulerRecorder(new EventLoop(), null));

    static SchedulerStateMachine withOneAssignedRun() {
        SchedulerStateMachine s = new SchedulerStateMachine();
        s.apply(new Command.Tick(1_000));
        s.apply(new Command.RegisterWorker("w1", Set.of(), 2));
        s.apply(new Command.CreateJob("j", JobSpec.builder(new Schedule.OneShot(2_000)).build()));
        s.apply(new Command.Tick(2_000));
        s.apply(new Command.Assign(1, "w1", 1));
        return s;
    }

    @Test
    void mastersWithDifferentStatesAtAnIndexBreakReplicaAgreement() {
        SchedulerStateMachine a = withOneAssignedRun();
        SchedulerStateMachine b = withOneAssignedRun();
        Command tick = new Command.Tick(3_000);
        checks.applied("n1", a, 6, tick, SchedulerChecks.Before.NONE, a.apply(tick));
        checks.applied("n2", b, 6, tick, SchedulerChecks.Before.NONE, b.apply(tick));
        Command other = new Command.Tick(4_000);
        checks.applied("n1", a, 7, other, SchedulerChecks.Before.NONE, a.apply(other));

        assertThatThrownBy(() -> checks.applied("n2", b, 7, tick, SchedulerChecks.Before.NONE, b.apply(tick)))
                .isInstanceOf(InvariantViolation.class).hasMessageContaining("replicas agree")
                .hasMessageContaining("at index 7");
    }

    @Test
    void anAssignAppliedToAWorkerLostJustBeforeIsAViolation() {
        SchedulerStateMachine s = withOneAssignedRun();
        Command.Assign assign = new Command.Assign(1, "w1", 2);
        SchedulerChecks.Before lost = new SchedulerChecks.Before(Optional.empty(), true);

        assertThatThrownBy(() -> checks.applied("n1", s, 6, assign, lost, new Result.Applied(0)))
                .hasMessageContaining("no assign to a lost worker");
        assertThatNoException().isThrownBy(
                () -> checks.applied("n1", s, 6, assign, lost, new Result.StaleAttempt(1, 1)));
    }

    @Test
    void aStaleReportThatChangedItsRunIsAViolation() {
        SchedulerStateMachine s = withOneAssignedRun();
        Command.Started late = new Command.Started(1, 7);
        SchedulerChecks.Before before = checks.before(late, s);
        s.apply(new Command.Started(1, 1)); // the run moves on, as a broken fence would let it

        assertThatThrownBy(() -> checks.applied("n1", s, 6, late, before, new Result.StaleAttempt(1, 1)))
                .hasMessageContaining("stale reports change nothing");
    }

    @Test
    void aStaleReportTheStateMachineFencesPasses() {
        SchedulerStateMachine s = withOneAssignedRun();
        Command.Finished late = new Command.Finished(1, 7, Command.Outcome.SUCCEEDED, 0, "");
        SchedulerChecks.Before before = checks.before(late, s);

        assertThatNoException().isThrownBy(() -> checks.applied("n1", s, 6, late, before, s.apply(late)));
    }

    @Test
    void anAttemptDispatchedToASecondWorkerIsAViolation() {
        checks.onDispatched("w1", 3, 1);
        checks.onDispatched("w1", 3, 1); // polled again before listing it
        checks.onDispatched("w2", 3, 2); // a new attempt may go elsewhere

        assertThatThrownBy(() -> checks.onDispatched("w2", 3, 1)).hasMessageContaining("one worker per attempt");
    }

    @Test
    void aPollAnswerCancellingTheWorkersCurrentCommittedAttemptIsAViolation() {
        SchedulerStateMachine ahead = withOneAssignedRun(); // run 1, attempt 1, assigned to w1

        assertThatNoException().isThrownBy(() -> checks.onPollAnswered("n1", "w1",
                List.of(new HeldAttempt(1, 7)), "n2", ahead)); // an attempt fenced long ago
        assertThatNoException().isThrownBy(() -> checks.onPollAnswered("n1", "w2",
                List.of(new HeldAttempt(1, 1)), "n2", ahead)); // not w2's
        assertThatThrownBy(() -> checks.onPollAnswered("n1", "w1", List.of(new HeldAttempt(1, 1)), "n2", ahead))
                .hasMessageContaining("no false cancel");
    }
}
