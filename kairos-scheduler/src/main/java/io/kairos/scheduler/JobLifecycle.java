package io.kairos.scheduler;

import io.kairos.scheduler.command.Command;
import io.kairos.scheduler.command.Result;

/** Applies the commands users send about jobs: create, update, pause, resume, delete, trigger. */
final class JobLifecycle {

    private final SchedulerState state;
    private final Firing firing;

    JobLifecycle(SchedulerState state, Firing firing) {
        this.state = state;
        this.firing = firing;
    }

    Result onCreate(Command.CreateJob c) {
        if (state.jobs.containsKey(c.jobId())) {
            return new Result.Rejected("job " + c.jobId() + " already exists");
        }
        Job job = new Job(c.jobId(), c.spec(), anchor(c.spec().startMillis().orElse(-1)));
        state.jobs.put(job.jobId, job);
        state.retime(job);
        return new Result.Applied(job.version);
    }

    Result onUpdate(Command.UpdateJob c) {
        Job job = state.jobs.get(c.jobId());
        if (job == null) {
            return notFound(c.jobId());
        }
        if (job.version != c.expectedVersion()) {
            return new Result.Conflict(job.version);
        }
        job.reschedule(c.spec(), anchor(c.spec().startMillis().orElse(-1)));
        state.retime(job);
        job.runs.values().forEach(state::refileTimer); // the timeout may have changed
        job.version++;
        state.trimHistory(job);
        return new Result.Applied(job.version);
    }

    Result onPause(Command.PauseJob c) {
        Job job = state.jobs.get(c.jobId());
        if (job == null) {
            return notFound(c.jobId());
        }
        job.paused = true;
        state.retime(job);
        return new Result.Applied(0);
    }

    Result onResume(Command.ResumeJob c) {
        Job job = state.jobs.get(c.jobId());
        if (job == null) {
            return notFound(c.jobId());
        }
        job.paused = false;
        state.retime(job);
        return new Result.Applied(0);
    }

    Result onDelete(Command.DeleteJob c) {
        Job job = state.jobs.remove(c.jobId());
        if (job == null) {
            return notFound(c.jobId());
        }
        job.runs.values().forEach(state::forget);
        state.retime(job);
        return new Result.Applied(0);
    }

    Result onTrigger(Command.TriggerJob c) {
        Job job = state.jobs.get(c.jobId());
        if (job == null) {
            return notFound(c.jobId());
        }
        long firstRun = state.nextRunId;
        if (!firing.fire(job, state.nowMillis, true, c.params())) {
            return new Result.Rejected("job " + c.jobId() + " has a live run and its overlap policy is "
                    + job.spec.overlap());
        }
        return new Result.Applied(firstRun);
    }

    Result onCancelRun(Command.CancelRun c) {
        Run run = state.runs.get(c.runId());
        if (run == null) {
            return new Result.NotFound("run " + c.runId());
        }
        if (!run.state.isLive()) {
            return new Result.Rejected("run " + run.runId + " already ended " + run.state);
        }
        state.end(state.jobs.get(run.jobId), run, RunState.CANCELLED, "cancelled through the API during attempt "
                + run.attempt);
        return new Result.Applied(0);
    }

    /** A start bound, else the clock, else (no Tick yet) unanchored until the first Tick. */
    private long anchor(long startMillis) {
        if (startMillis >= 0) {
            return startMillis;
        }
        return state.nowMillis > 0 ? state.nowMillis : Job.UNANCHORED;
    }

    static Result notFound(String jobId) {
        return new Result.NotFound("job " + jobId);
    }
}
