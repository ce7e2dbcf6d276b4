package io.kairos.scheduler;

import io.kairos.scheduler.job.OverlapPolicy;
import io.kairos.scheduler.job.Target;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;

/**
 * What a Tick does once the clock has moved: time out attempts, then, job by job in id order,
 * fire every scheduled time due at or before the clock exactly once, applying the misfire policy
 * to the late ones and the overlap policy to each fire.
 */
final class Firing {

    private final SchedulerState state;
    /** A due time more than this behind the clock is late. */
    private final long misfireThresholdMillis;
    /** The most late times of one job a Tick walks, so that one apply stays short after a long outage. */
    private final long lateWalkBudget;

    Firing(SchedulerState state, long misfireThresholdMillis, long lateWalkBudget) {
        this.state = state;
        this.misfireThresholdMillis = misfireThresholdMillis;
        this.lateWalkBudget = lateWalkBudget;
    }

    void onClockAdvanced() {
        timeOutAttempts();
        for (Job job : state.timedAtOrBefore(state.nowMillis)) {
            fireDue(job);
            state.retime(job);
        }
    }

    private void timeOutAttempts() {
        for (Run run : state.timedOut(state.nowMillis)) {
            Job job = state.jobs.get(run.jobId);
            state.failAttempt(job, run, "attempt " + run.attempt + " timed out after " + job.spec.timeoutMillis()
                    + " ms on worker " + run.workerId);
        }
    }

    /** Fires or skips every scheduled time of {@code job} at or before the clock. */
    void fireDue(Job job) {
        long now = state.nowMillis;
        if (job.anchorMillis == Job.UNANCHORED) {
            job.reschedule(job.spec, now);
        }
        if (job.paused) {
            return;
        }
        ScheduleCalendar.LateFires late = job.calendar.collectLate(job.nextFireMillis, now - misfireThresholdMillis,
                job.spec.misfire().firesKept(), lateWalkBudget);
        long lateSkipped = late.skipped();
        job.skippedFires += lateSkipped;
        if (late.lastMillis() >= 0) {
            job.lastAccountedMillis = late.lastMillis();
        }
        job.nextFireMillis = late.nextMillis();
        if (!late.complete()) {
            return; // more late times than one Tick walks: the next Tick (due at once) goes on
        }
        boolean fired = false;
        for (long lateTime : late.kept()) {
            fired |= fire(job, lateTime, false, Collections.emptySortedMap());
        }
        if (lateSkipped > 0 && !fired && job.nextFireMillis == ScheduleCalendar.NONE) {
            // A fixed-delay job whose late fire was skipped waits a delay from now, as if it had run.
            job.nextFireMillis = job.calendar.afterRunEnded(now);
        }
        while (job.nextFireMillis <= now) {
            long onTime = job.nextFireMillis;
            job.lastAccountedMillis = onTime;
            job.nextFireMillis = job.calendar.nextAfter(onTime);
            fire(job, onTime, false, Collections.emptySortedMap());
        }
    }

    /**
     * One fire of {@code job} for {@code scheduledMillis}, through the overlap policy.
     *
     * @return whether a run was created; a fire that is not is counted as skipped (scheduled fires only)
     */
    boolean fire(Job job, long scheduledMillis, boolean onDemand, SortedMap<String, String> params) {
        OverlapPolicy overlap = job.spec.overlap();
        boolean live = job.hasLiveRun();
        boolean queued = false;
        if (live && overlap == OverlapPolicy.SKIP) {
            return skipped(job, onDemand);
        }
        if (live && overlap == OverlapPolicy.QUEUE_ONE) {
            if (job.runs.values().stream().anyMatch(r -> r.state == RunState.QUEUED)) {
                return skipped(job, onDemand);
            }
            queued = true;
        }
        if (live && overlap == OverlapPolicy.CANCEL_RUNNING) {
            for (Run r : new ArrayList<>(job.runs.values())) {
                if (r.state.isLive()) {
                    state.end(job, r, RunState.CANCELLED, "cancelled by the fire for " + scheduledMillis);
                }
            }
        }
        Target target = job.spec.target();
        if (target.routing() == Target.Routing.SHARDING) {
            for (int shard = 0; shard < target.shards(); shard++) {
                state.newRun(job, scheduledMillis, onDemand, params, queued, shard, target.shards(), "");
            }
        } else if (target.routing() == Target.Routing.BROADCAST && !state.eligibleWorkers(job).isEmpty()) {
            for (Worker w : state.eligibleWorkers(job)) {
                state.newRun(job, scheduledMillis, onDemand, params, queued, 0, 1, w.workerId);
            }
        } else {
            // A broadcast with no worker to broadcast to makes one run for the first that comes.
            state.newRun(job, scheduledMillis, onDemand, params, queued, 0, 1, "");
        }
        if (!onDemand) {
            job.firedCount++;
        }
        return true;
    }

    private boolean skipped(Job job, boolean onDemand) {
        if (!onDemand) {
            job.skippedFires++;
        }
        return false;
    }
}
