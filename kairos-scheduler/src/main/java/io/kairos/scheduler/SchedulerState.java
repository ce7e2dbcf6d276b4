package io.kairos.scheduler;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The whole replicated state: the clock, the jobs with their runs, the workers, and the run
 * lifecycle every command shares. Sorted maps throughout, so iteration (and hence every decision
 * and every snapshot byte) is the same on every node.
 */
final class SchedulerState {

    /** The replicated clock. Invariant: never decreases; only Tick moves it. */
    long nowMillis;
    /** The id the next run gets. Invariant: greater than every run id ever given. */
    long nextRunId = 1;
    /** Fencing rejections over all jobs, including those of runs since deleted. */
    long staleReports;
    final TreeMap<String, Job> jobs = new TreeMap<>();
    final TreeMap<String, Worker> workers = new TreeMap<>();
    /** Every run of every job, by id; the same objects as in {@link Job#runs}. */
    final TreeMap<Long, Run> runs = new TreeMap<>();
    /**
     * The live runs of {@link #runs}, by id: derived (rebuilt on restore, not in snapshots), so that
     * the leader's per-poll and per-turn questions cost the live runs, not the whole history.
     */
    final TreeMap<Long, Run> live = new TreeMap<>();

    /**
     * The held runs (ASSIGNED or RUNNING) of each worker, by run id: derived like {@link #live}, so
     * that a worker's poll and its capacity cost what it holds, not every live run.
     */
    final java.util.HashMap<String, TreeMap<Long, Run>> held = new java.util.HashMap<>();

    /**
     * A live run waiting on time: a PENDING run on its due time, a held run with a timeout on its
     * deadline. Ordered by time, then run id.
     */
    record RunTimer(long millis, long runId, boolean pending) implements Comparable<RunTimer> {
        @Override
        public int compareTo(RunTimer o) {
            int c = Long.compare(millis, o.millis);
            return c != 0 ? c : Long.compare(runId, o.runId);
        }
    }

    /**
     * PENDING runs by due time, and held runs with a timeout by deadline: derived like {@link #live},
     * so that due runs, timeouts and the next due time cost what is due, not every live run. Every
     * change of a run's state, due time, assignment time or job timeout is followed by
     * {@link #refileTimer}.
     */
    final TreeSet<RunTimer> pendingByDue = new TreeSet<>();
    final TreeSet<RunTimer> deadlines = new TreeSet<>();

    /** Puts the run where its state and times say in {@link #pendingByDue} or {@link #deadlines}, or takes it out. */
    void refileTimer(Run run) {
        RunTimer now = null;
        if (runs.get(run.runId) == run) {
            if (run.state == RunState.PENDING) {
                now = new RunTimer(run.dueMillis, run.runId, true);
            } else if (run.state.isHeld()) {
                long timeout = jobs.get(run.jobId).spec.timeoutMillis();
                if (timeout > 0) {
                    now = new RunTimer(ScheduleCalendar.plus(run.assignedMillis, timeout), run.runId, false);
                }
            }
        }
        if (run.timer != null && !run.timer.equals(now)) {
            (run.timer.pending() ? pendingByDue : deadlines).remove(run.timer);
        }
        if (now != null) {
            (now.pending() ? pendingByDue : deadlines).add(now);
        }
        run.timer = now;
    }

    /** PENDING runs due at or before {@code nowMillis}, by due time then run id. */
    List<Run> pendingDue(long nowMillis) {
        List<Run> due = new ArrayList<>();
        for (RunTimer t : pendingByDue.headSet(new RunTimer(nowMillis, Long.MAX_VALUE, true), true)) {
            due.add(runs.get(t.runId()));
        }
        return due;
    }

    /** Held runs whose timeout deadline is at or before {@code nowMillis}, by deadline then run id. */
    List<Run> timedOut(long nowMillis) {
        List<Run> out = new ArrayList<>();
        for (RunTimer t : deadlines.headSet(new RunTimer(nowMillis, Long.MAX_VALUE, false), true)) {
            out.add(runs.get(t.runId()));
        }
        return out;
    }

    /**
     * The earliest time a run waits for: a PENDING run due after {@code nowMillis}, or any held
     * run's deadline (one already passed too: a Tick times it out); {@link ScheduleCalendar#NONE} if none.
     */
    long nextRunTime(long nowMillis) {
        long next = deadlines.isEmpty() ? ScheduleCalendar.NONE : deadlines.first().millis();
        RunTimer later = pendingByDue.higher(new RunTimer(nowMillis, Long.MAX_VALUE, true));
        return later == null ? next : Math.min(next, later.millis());
    }

    /** A job's {@link Job#timerKey} while it waits on nothing (paused, or no next fire). */
    static final long NOT_TIMED = Long.MAX_VALUE;

    /**
     * Jobs by when a Tick has work for them ({@link #timerKeyOf}), then id: derived like {@link #live},
     * so that a Tick and {@code nextDueMillis()} cost the jobs that are due, not every job. Every
     * change of a job's next fire, pause or anchor is followed by {@link #retime}.
     */
    final TreeSet<TimerEntry> timers = new TreeSet<>();

    record TimerEntry(long key, String jobId) implements Comparable<TimerEntry> {
        @Override
        public int compareTo(TimerEntry o) {
            int c = Long.compare(key, o.key);
            return c != 0 ? c : jobId.compareTo(o.jobId);
        }
    }

    /** When a Tick has work for the job: at once if unanchored, at its next fire unless paused, else never. */
    static long timerKeyOf(Job job) {
        if (job.anchorMillis == Job.UNANCHORED) {
            return Long.MIN_VALUE;
        }
        return job.paused || job.nextFireMillis == ScheduleCalendar.NONE ? NOT_TIMED : job.nextFireMillis;
    }

    /** Puts the job where its timer key now says (after any change to it), or takes it out. */
    void retime(Job job) {
        if (job.timerKey != NOT_TIMED) {
            timers.remove(new TimerEntry(job.timerKey, job.jobId));
        }
        job.timerKey = state(job) ? timerKeyOf(job) : NOT_TIMED;
        if (job.timerKey != NOT_TIMED) {
            timers.add(new TimerEntry(job.timerKey, job.jobId));
        }
    }

    /** Whether the job is still in the state (a deleted one is only taken out). */
    private boolean state(Job job) {
        return jobs.get(job.jobId) == job;
    }

    /** Jobs a Tick at {@code nowMillis} has work for, in job id order (the order fires are made in). */
    List<Job> timedAtOrBefore(long nowMillis) {
        TreeMap<String, Job> due = new TreeMap<>();
        for (TimerEntry e : timers.headSet(new TimerEntry(nowMillis, "\uffff"), true)) {
            due.put(e.jobId(), jobs.get(e.jobId()));
        }
        return new ArrayList<>(due.values());
    }

    /** Creates a run of {@code job}: PENDING and due now, or QUEUED behind a live run. */
    Run newRun(Job job, long scheduledMillis, boolean onDemand, SortedMap<String, String> params, boolean queued,
            int shardIndex, int shardTotal, String pinnedWorker) {
        Run run = new Run(nextRunId++, job.jobId, scheduledMillis, onDemand, Collections.unmodifiableSortedMap(
                new TreeMap<>(params)), shardIndex, shardTotal, pinnedWorker, nowMillis);
        run.dueMillis = nowMillis;
        job.runs.put(run.runId, run);
        runs.put(run.runId, run);
        setState(run, queued ? RunState.QUEUED : RunState.PENDING);
        return run;
    }

    /** Every change of a run's state goes through here, to keep {@link #live} exact. */
    void setState(Run run, RunState newState) {
        run.state = newState;
        if (newState.isLive()) {
            live.put(run.runId, run);
        } else {
            live.remove(run.runId);
        }
        fileHeld(run);
        refileTimer(run);
    }

    /** Files the run under its worker in {@link #held} while it is held and kept, and nowhere otherwise. */
    void fileHeld(Run run) {
        String under = run.state.isHeld() && runs.get(run.runId) == run ? run.workerId : null;
        if (run.heldUnder != null && !run.heldUnder.equals(under)) {
            TreeMap<Long, Run> runs = held.get(run.heldUnder);
            runs.remove(run.runId);
            if (runs.isEmpty()) {
                held.remove(run.heldUnder);
            }
        }
        if (under != null) {
            held.computeIfAbsent(under, w -> new TreeMap<>()).put(run.runId, run);
        }
        run.heldUnder = under;
    }

    /** Forgets a run entirely (its job was deleted or its history trimmed). */
    void forget(Run run) {
        runs.remove(run.runId);
        live.remove(run.runId);
        refileTimer(run);
        fileHeld(run);
    }

    /** The workers a fire of {@code job} may go to now: registered, not lost, serving the job, by id. */
    List<Worker> eligibleWorkers(Job job) {
        List<Worker> eligible = new ArrayList<>();
        for (Worker w : workers.values()) {
            if (!w.lost && w.serves(job.spec)) {
                eligible.add(w);
            }
        }
        return eligible;
    }

    /** A failed attempt (report or timeout): retry after backoff, or end FAILED when none is left. */
    void failAttempt(Job job, Run run, String cause) {
        run.failures++;
        if (run.failures < job.spec.retry().maxAttempts()) {
            requeue(run, ScheduleCalendar.plus(nowMillis, job.spec.retry().backoffMillis(run.failures)), cause);
        } else {
            end(job, run, RunState.FAILED, cause);
        }
    }

    /** Makes a new attempt of {@code run}, PENDING from {@code dueMillis}; the old attempt becomes stale. */
    void requeue(Run run, long dueMillis, String cause) {
        run.attempt++;
        setState(run, RunState.PENDING);
        run.workerId = null;
        run.dueMillis = dueMillis;
        run.assignedMillis = Run.NEVER;
        refileTimer(run);
        run.startedMillis = Run.NEVER;
        run.cause = cause;
    }

    /**
     * Ends a run in a final state; then releases a QUEUED run once no other is live, reschedules a
     * fixed-delay job from this end (unless a newer fire cancelled it), and trims the job's history.
     */
    void end(Job job, Run run, RunState finalState, String cause) {
        setState(run, finalState);
        // workerId stays: the history says which worker ran the last attempt (null if none did).
        run.finishedMillis = nowMillis;
        run.cause = cause;
        if (!run.onDemand && finalState != RunState.CANCELLED && job.nextFireMillis == ScheduleCalendar.NONE) {
            job.nextFireMillis = job.calendar.afterRunEnded(nowMillis);
            retime(job);
        }
        releaseQueued(job);
        trimHistory(job);
    }

    /** Once no run of the job is live but the queued ones (all of one fire: its shards), releases them. */
    private void releaseQueued(Job job) {
        List<Run> queued = new ArrayList<>();
        for (Run r : job.runs.values()) {
            if (r.state == RunState.QUEUED) {
                queued.add(r);
            } else if (r.state.isLive()) {
                return;
            }
        }
        for (Run r : queued) {
            setState(r, RunState.PENDING);
            r.dueMillis = nowMillis;
            refileTimer(r);
        }
    }

    /** Drops the oldest finished runs beyond the job's history size. */
    void trimHistory(Job job) {
        long finished = job.runs.values().stream().filter(r -> !r.state.isLive()).count();
        Iterator<Run> it = job.runs.values().iterator();
        while (finished > job.spec.historySize() && it.hasNext()) {
            Run r = it.next();
            if (!r.state.isLive()) {
                it.remove();
                forget(r);
                finished--;
            }
        }
    }

    /** Live runs held by {@code workerId}, in run id order. */
    List<Run> heldBy(String workerId) {
        TreeMap<Long, Run> runs = held.get(workerId);
        return runs == null ? new ArrayList<>() : new ArrayList<>(runs.values());
    }

    int heldCount(String workerId) {
        TreeMap<Long, Run> runs = held.get(workerId);
        return runs == null ? 0 : runs.size();
    }
}
