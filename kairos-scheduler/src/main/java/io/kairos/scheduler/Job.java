package io.kairos.scheduler;

import io.kairos.scheduler.job.JobSpec;
import java.util.OptionalLong;
import java.util.TreeMap;

/** A job and its runs, as the replicated state holds them. */
final class Job {

    /** {@link #anchorMillis} before the first Tick: the job was created while the clock was still 0. */
    static final long UNANCHORED = Long.MIN_VALUE;

    final String jobId;
    JobSpec spec;
    /** 1 at creation, +1 per UpdateJob. */
    long version = 1;
    boolean paused;
    /** Where fixed-rate and fixed-delay schedules start: the start bound, else the clock at create or update. */
    long anchorMillis;
    /**
     * The earliest scheduled time not yet fired or skipped, or {@link ScheduleCalendar#NONE}.
     * Invariant: every scheduled time before it was fired exactly once or counted in {@link #skippedFires}.
     */
    long nextFireMillis;
    /**
     * The latest scheduled time fired or skipped, -1 before any. Invariant: below {@link #nextFireMillis};
     * a new spec never schedules at or before it, so no (jobId, scheduledTime) fires twice.
     */
    long lastAccountedMillis = -1;
    long skippedFires;
    long firedCount;
    long staleReports;
    ScheduleCalendar calendar;
    /** Where {@link SchedulerState#timers} holds this job, or {@link SchedulerState#NOT_TIMED}; derived. */
    long timerKey = SchedulerState.NOT_TIMED;
    /** By run id, which grows with creation; live runs are never evicted. */
    final TreeMap<Long, Run> runs = new TreeMap<>();

    Job(String jobId, JobSpec spec, long anchorMillis) {
        this.jobId = jobId;
        this.spec = spec;
        this.anchorMillis = anchorMillis;
        this.calendar = ScheduleCalendar.of(spec, anchorMillis);
        this.nextFireMillis = anchorMillis == UNANCHORED ? ScheduleCalendar.NONE : calendar.first();
    }

    /** Sets a new spec and anchor; the next fire is its first scheduled time after {@link #lastAccountedMillis}. */
    void reschedule(JobSpec newSpec, long newAnchorMillis) {
        spec = newSpec;
        anchorMillis = newAnchorMillis;
        calendar = ScheduleCalendar.of(newSpec, newAnchorMillis);
        nextFireMillis = newAnchorMillis == UNANCHORED ? ScheduleCalendar.NONE
                : calendar.firstAfter(lastAccountedMillis);
    }

    boolean hasLiveRun() {
        return runs.values().stream().anyMatch(r -> r.state.isLive());
    }

    JobView view() {
        OptionalLong next = nextFireMillis == ScheduleCalendar.NONE ? OptionalLong.empty()
                : OptionalLong.of(nextFireMillis);
        return new JobView(jobId, version, spec, paused, next, skippedFires, firedCount, staleReports);
    }
}
