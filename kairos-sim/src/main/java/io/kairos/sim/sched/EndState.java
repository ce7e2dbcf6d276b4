package io.kairos.sim.sched;

import io.kairos.scheduler.JobView;
import io.kairos.scheduler.RunState;
import io.kairos.scheduler.RunView;
import io.kairos.scheduler.SchedulerStateMachine;
import io.kairos.scheduler.WorkerView;
import io.kairos.scheduler.leader.Router;
import java.util.ArrayList;
import io.kairos.sim.check.InvariantViolation;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * The invariants judged after the final heal, once workers are up and connected and the cluster
 * has settled, on the leader's applied state:
 *
 * <ul>
 *   <li><b>live runs are where they should be</b>: an ASSIGNED or RUNNING attempt is held by a
 *       live registered worker that actually runs it; a PENDING run that is due waits only while its
 *       job's routing picks no worker once the older due runs have taken theirs (none of its group
 *       has room, or its one choice is full); an
 *       attempt is not past its timeout; the state's next due time is not over 2 s behind the
 *       leader's clock (the trigger timer keeps up); a QUEUED run waits only behind a live run of its job. A
 *       run breaking this in two looks five seconds apart, unchanged, is a violation (in between,
 *       polls and assigns have had time to catch up);
 *   <li><b>exactly once or skipped</b>: for the jobs with a {@link FireGrid}, every time of the
 *       grid before the job's next fire was fired once or counted as skipped
 *       ({@code firedCount + skippedFires}), the scheduled runs' times are distinct times of the
 *       grid, as many as {@code firedCount}, and the next fire is after the clock.
 * </ul>
 */
final class EndState {

    /** How far behind the leader's own clock the state's next due time may be before it looks stuck. */
    static final long TIMER_SLACK_MILLIS = 2_000;

    private EndState() {
    }

    /** Runs that look stuck now, by "runId/attempt/state", with why. */
    static Map<String, String> suspects(SchedulerStateMachine s, List<SimWorker> workers, long leaderWallMillis) {
        Map<String, String> out = new TreeMap<>();
        OptionalLong due = s.nextDueMillis();
        if (due.isPresent() && due.getAsLong() <= leaderWallMillis - TIMER_SLACK_MILLIS) {
            out.put("timer/" + due.getAsLong(), "the trigger timer is behind: the state is due at " + due.getAsLong()
                    + " but the leader's clock is at " + leaderWallMillis + " and the replicated clock at "
                    + s.nowMillis());
        }
        Map<String, SimWorker> byName = new TreeMap<>();
        for (SimWorker w : workers) {
            byName.put(w.name(), w);
        }
        for (RunView r : s.liveRuns()) {
            String key = r.runId() + "/" + r.attempt() + "/" + r.state() + "/" + r.workerId();
            if (r.state().isHeld()) {
                Optional<WorkerView> w = s.worker(r.workerId());
                SimWorker actor = byName.get(r.workerId());
                long timeout = s.job(r.jobId()).orElseThrow().spec().timeoutMillis();
                if (timeout > 0 && r.assignedMillis() + timeout <= s.nowMillis()) {
                    out.put(key, "past its timeout of " + timeout + " ms at clock " + s.nowMillis() + ": " + r);
                } else if (w.isEmpty() || w.get().lost()) {
                    out.put(key, "held by lost or unknown worker " + r.workerId() + ": " + r);
                } else if (actor == null || !actor.runs(r.runId(), r.attempt())) {
                    out.put(key, r.state() + " to " + actor + " which does not hold it: " + r);
                }
            } else if (r.state() == RunState.QUEUED) {
                boolean behindLive = s.runs(r.jobId()).stream()
                        .anyMatch(o -> o.runId() != r.runId() && o.state().isLive() && o.state() != RunState.QUEUED);
                if (!behindLive) {
                    out.put(key, "QUEUED behind no live run: " + r);
                }
            }
        }
        duePending(s, out);
        return out;
    }

    /**
     * Due PENDING runs, oldest first as the leader takes them, each given the worker its job's
     * routing picks with the capacity the runs before it took: a run that gets one could be
     * running. One that gets none waits legitimately (its group is full, or its routing's one
     * choice is, or older runs come first).
     */
    private static void duePending(SchedulerStateMachine s, Map<String, String> out) {
        Map<String, Integer> taken = new TreeMap<>();
        Router router = new Router();
        for (RunView r : s.dueRuns()) {
            String key = r.runId() + "/" + r.attempt() + "/" + r.state() + "/" + r.workerId();
            JobView job = s.job(r.jobId()).orElseThrow();
            if (!r.pinnedWorker().isEmpty()) {
                Optional<WorkerView> pinned = s.worker(r.pinnedWorker());
                if (pinned.isEmpty() || pinned.get().lost()) {
                    out.put(key, "PENDING for worker " + r.pinnedWorker() + " which is lost or gone: " + r);
                    continue;
                }
            }
            List<WorkerView> candidates = new ArrayList<>();
            for (WorkerView w : s.workers()) {
                if (!w.lost() && job.spec().runsOn(w.tags())) {
                    int extra = taken.getOrDefault(w.workerId(), 0);
                    candidates.add(new WorkerView(w.workerId(), w.tags(), w.capacity(), w.lost(), w.held() + extra));
                }
            }
            Optional<String> pick = router.pick(r, job.spec().target().routing(), candidates);
            if (pick.isPresent()) {
                taken.merge(pick.get(), 1, Integer::sum);
                out.put(key, "PENDING though its routing picks " + pick.get() + " of " + candidates + ": " + r);
            }
        }
    }

    static void checkStuck(Map<String, String> first, Map<String, String> second) {
        for (Map.Entry<String, String> e : second.entrySet()) {
            if (first.containsKey(e.getKey())) {
                throw new InvariantViolation("live runs are where they should be", e.getValue()
                        + " (for at least 5 s after the cluster settled)");
            }
        }
    }

    static void checkFiring(SchedulerStateMachine s, List<Workload.PlannedJob> planned) {
        for (Workload.PlannedJob p : planned) {
            if (p.grid() == null) {
                continue;
            }
            Optional<JobView> view = s.job(p.jobId());
            if (view.isEmpty()) {
                throw new InvariantViolation("exactly once or skipped", "job " + p.jobId() + " was never created");
            }
            JobView j = view.get();
            long bound;
            if (j.nextFireMillis().isPresent()) {
                bound = j.nextFireMillis().getAsLong();
                if (!j.paused() && bound <= s.nowMillis()) {
                    throw new InvariantViolation("exactly once or skipped", p.jobId() + " next fire " + bound
                            + " is not after the clock " + s.nowMillis());
                }
                if (!p.grid().contains(bound)) {
                    throw new InvariantViolation("exactly once or skipped", p.jobId() + " next fire " + bound
                            + " is not a time of its schedule " + p.grid());
                }
            } else {
                bound = s.nowMillis() + 1;
            }
            long expected = p.grid().countBefore(bound);
            if (j.firedCount() + j.skippedFires() != expected) {
                throw new InvariantViolation("exactly once or skipped", p.jobId() + " fired " + j.firedCount()
                        + " and skipped " + j.skippedFires() + " of " + expected + " times before " + bound
                        + " (clock " + s.nowMillis() + ", " + j.spec().schedule() + ", " + p.grid() + ", "
                        + j.spec().misfire() + ", " + j.spec().overlap() + ")");
            }
            Set<Long> times = new HashSet<>();
            for (RunView r : s.runs(p.jobId())) {
                if (r.onDemand()) {
                    continue;
                }
                if (!p.grid().contains(r.scheduledMillis()) || r.scheduledMillis() >= bound) {
                    throw new InvariantViolation("exactly once or skipped", p.jobId() + " has a run at "
                            + r.scheduledMillis() + ", not a time of its schedule before " + bound + ": " + r);
                }
                times.add(r.scheduledMillis());
            }
            if (times.size() != j.firedCount()) {
                throw new InvariantViolation("exactly once or skipped", p.jobId() + " counts " + j.firedCount()
                        + " fires but has runs for " + times.size() + " scheduled times");
            }
        }
    }
}
