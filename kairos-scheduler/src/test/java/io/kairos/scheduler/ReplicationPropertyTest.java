package io.kairos.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.kairos.scheduler.command.Command;
import io.kairos.scheduler.command.CommandCodec;
import io.kairos.scheduler.command.Result;
import io.kairos.scheduler.job.Schedule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;

/**
 * The scheduler's replication invariants over seeded random command streams ({@link CommandStreams}):
 * ticks from several skewed leaders interleaved in any order, long gaps, and worker traffic.
 */
class ReplicationPropertyTest {

    /**
     * (a) Every scheduled time before a job's next fire was fired exactly once or counted as
     * skipped, and no due time is left behind the clock: no duplicate, no missed fire.
     */
    @Property(tries = 150)
    void everyScheduledTimeFiresExactlyOnceOrIsCountedSkipped(@ForAll long seed, @ForAll boolean shortWalks) {
        // Short walks: a Tick walks at most 3 late times per job, and the leader ticks again at once.
        Driver d = new Driver(new SchedulerStateMachine(SchedulerStateMachine.DEFAULT_MISFIRE_THRESHOLD_MILLIS,
                shortWalks ? 3 : SchedulerStateMachine.LATE_WALK_BUDGET));
        for (Command c : CommandStreams.generate(seed, CommandStreams.Kind.ACCOUNTABLE)) {
            d.apply(c);
        }
        long now = d.machine.nowMillis();
        for (int i = 0; i < 100_000 && d.machine.nextDueMillis().orElse(Long.MAX_VALUE) <= now; i++) {
            d.tick(now); // what the leader's trigger timer does when the next due time has come
        }
        Statistics.label("a job skipped fires").collect(d.machine.jobs().stream().anyMatch(j -> j.skippedFires() > 0));
        Statistics.label("a stale report").collect(d.machine.staleReports() > 0);
        Statistics.label("a run succeeded").collect(d.machine.jobs().stream()
                .anyMatch(j -> d.runs(j.jobId()).stream().anyMatch(r -> r.state() == RunState.SUCCEEDED)));
        Statistics.label("a retry").collect(d.machine.jobs().stream()
                .anyMatch(j -> d.runs(j.jobId()).stream().anyMatch(r -> r.attempt() > 1)));
        for (JobView job : d.machine.jobs()) {
            List<Long> fired = d.runs(job.jobId()).stream().filter(r -> !r.onDemand())
                    .map(RunView::scheduledMillis).toList();
            Set<Long> distinct = new HashSet<>(fired);
            assertThat(distinct).as("no duplicate fire of %s", job.jobId()).hasSize(fired.size());
            assertThat((long) fired.size()).as("fired count of %s", job.jobId()).isEqualTo(job.firedCount());
            long limit = job.nextFireMillis().isPresent() ? job.nextFireMillis().getAsLong() - 1
                    : job.spec().endMillis().orElse(Long.MAX_VALUE - 1);
            List<Long> expected = scheduledTimes(job, Math.min(limit, Math.max(now, limit == Long.MAX_VALUE - 1
                    ? now : limit)));
            assertThat(expected).as("fires of %s", job.jobId()).containsAll(fired);
            assertThat(job.firedCount() + job.skippedFires()).as("fired + skipped of %s", job.jobId())
                    .isEqualTo(expected.size());
            if (!job.paused()) {
                assertThat(job.nextFireMillis().orElse(Long.MAX_VALUE)).as("next fire of %s", job.jobId())
                        .isGreaterThan(now);
            }
        }
    }

    /** The oracle: scheduled times of a checkable job from its start up to {@code untilMillis}, computed independently. */
    static List<Long> scheduledTimes(JobView job, long untilMillis) {
        List<Long> times = new ArrayList<>();
        long end = Math.min(untilMillis, job.spec().endMillis().orElse(Long.MAX_VALUE));
        Schedule s = job.spec().schedule();
        if (s instanceof Schedule.OneShot o) {
            if (o.atMillis() <= end) {
                times.add(o.atMillis());
            }
            return times;
        }
        long start = job.spec().startMillis().orElseThrow();
        long step;
        long first;
        if (s instanceof Schedule.FixedRate r) {
            step = r.periodMillis();
            first = start;
        } else {
            Schedule.Cron c = (Schedule.Cron) s;
            step = Long.parseLong(c.expression().substring(2, c.expression().indexOf(' '))) * 1_000;
            first = (start + step - 1) / step * step; // June: no transition; offsets are whole minutes
        }
        for (long t = first; t <= end; t += step) {
            times.add(t);
        }
        return times;
    }

    /** (b) Two instances fed the same committed bytes have equal digests and byte-equal snapshots, at every step. */
    @Property(tries = 100)
    void twoMachinesFedTheSameCommandsStayIdentical(@ForAll long seed) {
        Driver a = new Driver();
        Driver b = new Driver();
        for (Command c : CommandStreams.generate(seed, CommandStreams.Kind.ANYTHING)) {
            byte[] bytes = CommandCodec.encode(c);
            assertThat(b.applyBytes(bytes)).isEqualTo(a.applyBytes(bytes));
            assertThat(b.machine.digest()).isEqualTo(a.machine.digest());
            assertThat(a.machine.indexesMatchAFullScan()).as("derived indexes after %s", c).isTrue();
        }
        assertThat(Driver.restoredFrom(a.snapshot()).machine.indexesMatchAFullScan()).isTrue();
        assertThat(b.snapshot()).isEqualTo(a.snapshot());
        assertThat(b.machine.jobs()).isEqualTo(a.machine.jobs());
        for (JobView job : a.machine.jobs()) { // updates included: no (jobId, scheduledTime, shard) fires twice
            List<String> fired = a.runs(job.jobId()).stream().filter(r -> !r.onDemand())
                    .map(r -> r.scheduledMillis() + "/" + r.shardIndex() + "/" + r.pinnedWorker()).toList();
            assertThat(new HashSet<>(fired)).hasSameSizeAs(fired);
        }
    }

    /**
     * The invariants after every command: a stale attempt's report changes nothing but the
     * stale counters, and no live attempt is held by a worker declared lost (or unknown).
     */
    @Property(tries = 100)
    void staleReportsChangeNothingAndLostWorkersHoldNothing(@ForAll long seed) {
        Driver d = new Driver();
        Set<String> lostWorkers = new HashSet<>();
        for (Command c : CommandStreams.generate(seed, CommandStreams.Kind.ANYTHING)) {
            List<RunView> runsBefore = allRuns(d);
            List<JobView> jobsBefore = d.machine.jobs().stream().map(j -> withStale(j, 0)).toList();
            Result r = d.apply(c);
            if (r instanceof Result.StaleAttempt) {
                assertThat(allRuns(d)).isEqualTo(runsBefore);
                assertThat(d.machine.jobs().stream().map(j -> withStale(j, 0)).toList()).isEqualTo(jobsBefore);
            }
            if (c instanceof Command.WorkerLost lost && r instanceof Result.Applied) {
                lostWorkers.add(lost.workerId());
            } else if (c instanceof Command.RegisterWorker registered) {
                lostWorkers.remove(registered.workerId());
            }
            assertThat(allRuns(d)).noneMatch(run -> run.state().isHeld() && lostWorkers.contains(run.workerId()));
        }
    }

    private static List<RunView> allRuns(Driver d) {
        return d.machine.jobs().stream().flatMap(j -> d.runs(j.jobId()).stream()).toList();
    }

    private static JobView withStale(JobView j, long stale) {
        return new JobView(j.jobId(), j.version(), j.spec(), j.paused(), j.nextFireMillis(), j.skippedFires(),
                j.firedCount(), stale);
    }

    /** (c) Snapshot, restore on a new node and continue gives the state that continuing without it gives. */
    @Property(tries = 100)
    void snapshotThenRestoreThenContinueEqualsContinuing(@ForAll long seed, @ForAll @IntRange(max = 1000) int cut) {
        List<Command> stream = CommandStreams.generate(seed, CommandStreams.Kind.ANYTHING);
        int at = cut % (stream.size() + 1);
        Driver straight = new Driver();
        for (Command c : stream.subList(0, at)) {
            straight.apply(c);
        }
        Driver restored = Driver.restoredFrom(straight.snapshot());
        assertThat(restored.snapshot()).isEqualTo(straight.snapshot());
        for (Command c : stream.subList(at, stream.size())) {
            assertThat(restored.apply(c)).isEqualTo(straight.apply(c));
        }
        assertThat(restored.machine.digest()).isEqualTo(straight.machine.digest());
        assertThat(restored.snapshot()).isEqualTo(straight.snapshot());
    }

    @Example
    void anEmptySnapshotRestoresTheInitialState() {
        Driver fresh = new Driver();
        assertThat(Driver.restoredFrom(new byte[0]).snapshot()).isEqualTo(fresh.snapshot());
    }
}
