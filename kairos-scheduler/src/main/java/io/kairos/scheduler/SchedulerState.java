package io.kairos.scheduler;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

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

    /** Creates a run of {@code job}: PENDING and due now, or QUEUED behind a live run. */
    Run newRun(Job job, long scheduledMillis, boolean onDemand, SortedMap<String, String> params, boolean queued) {
        Run run = new Run(nextRunId++, job.jobId, scheduledMillis, onDemand, Collections.unmodifiableSortedMap(
                new TreeMap<>(params)));
        run.state = queued ? RunState.QUEUED : RunState.PENDING;
        run.dueMillis = nowMillis;
        job.runs.put(run.runId, run);
        runs.put(run.runId, run);
        return run;
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
        run.state = RunState.PENDING;
        run.workerId = null;
        run.dueMillis = dueMillis;
        run.assignedMillis = Run.NEVER;
        run.startedMillis = Run.NEVER;
        run.cause = cause;
    }

    /**
     * Ends a run in a final state; then releases a QUEUED run once no other is live, reschedules a
     * fixed-delay job from this end (unless a newer fire cancelled it), and trims the job's history.
     */
    void end(Job job, Run run, RunState finalState, String cause) {
        run.state = finalState;
        run.workerId = null;
        run.finishedMillis = nowMillis;
        run.cause = cause;
        if (!run.onDemand && finalState != RunState.CANCELLED && job.nextFireMillis == ScheduleCalendar.NONE) {
            job.nextFireMillis = job.calendar.afterRunEnded(nowMillis);
        }
        releaseQueued(job);
        trimHistory(job);
    }

    private void releaseQueued(Job job) {
        Run queued = null;
        for (Run r : job.runs.values()) {
            if (r.state == RunState.QUEUED) {
                queued = r;
            } else if (r.state.isLive()) {
                return;
            }
        }
        if (queued != null) {
            queued.state = RunState.PENDING;
            queued.dueMillis = nowMillis;
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
                runs.remove(r.runId);
                finished--;
            }
        }
    }

    /** Live runs held by {@code workerId}, in run id order. */
    List<Run> heldBy(String workerId) {
        List<Run> held = new ArrayList<>();
        for (Run r : runs.values()) {
            if (r.state.isHeld() && workerId.equals(r.workerId)) {
                held.add(r);
            }
        }
        return held;
    }
}
