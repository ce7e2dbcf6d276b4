package io.kairos.scheduler;

import io.kairos.scheduler.command.Command;
import io.kairos.scheduler.command.Result;
import io.kairos.scheduler.job.FailoverPolicy;
import io.kairos.scheduler.job.Task;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies the commands of the dispatch path: workers registering and lost, attempts assigned,
 * started and finished. The fencing rule lives here: an Assign, Started or Finished is accepted only
 * for the run's current attempt while that attempt can still take it; otherwise it is rejected as
 * {@link Result.StaleAttempt}, counted, and changes nothing else.
 */
final class Dispatch {

    private final SchedulerState state;

    Dispatch(SchedulerState state) {
        this.state = state;
    }

    Result onRegister(Command.RegisterWorker c) {
        Worker worker = state.workers.get(c.workerId());
        if (worker == null) {
            state.workers.put(c.workerId(), new Worker(c.workerId(), c.tags(), c.capacity()));
        } else {
            worker.tags = c.tags();
            worker.capacity = c.capacity();
            worker.lost = false;
        }
        return new Result.Applied(0);
    }

    Result onAssign(Command.Assign c) {
        Run run = state.runs.get(c.runId());
        if (run == null) {
            return new Result.NotFound("run " + c.runId());
        }
        if (c.attempt() != run.attempt || !run.state.isLive()) {
            return stale(run);
        }
        if (run.state != RunState.PENDING) {
            return new Result.Rejected("run " + run.runId + " attempt " + run.attempt + " is " + run.state
                    + ", not PENDING");
        }
        if (run.dueMillis > state.nowMillis) {
            return new Result.Rejected("run " + run.runId + " attempt " + run.attempt + " is not due until "
                    + run.dueMillis + " (now " + state.nowMillis + ")");
        }
        Worker worker = state.workers.get(c.workerId());
        if (worker == null) {
            return new Result.NotFound("worker " + c.workerId());
        }
        if (worker.lost) {
            return new Result.Rejected("worker " + worker.workerId + " was declared lost");
        }
        if (!run.pinnedWorker.isEmpty() && !run.pinnedWorker.equals(worker.workerId)) {
            return new Result.Rejected("run " + run.runId + " is a broadcast run for worker " + run.pinnedWorker);
        }
        Job job = state.jobs.get(run.jobId);
        if (!worker.serves(job.spec)) {
            String tag = job.spec.target().groupTag();
            return new Result.Rejected(!tag.isEmpty() && !worker.tags.contains(tag)
                    ? "worker " + worker.workerId + " lacks the job's group tag '" + tag + "'"
                    : "worker " + worker.workerId + " does not run shell jobs (no tag " + Task.SHELL_TAG + ")");
        }
        if (state.heldCount(worker.workerId) >= worker.capacity) {
            return new Result.Rejected("worker " + worker.workerId + " is at its capacity of " + worker.capacity);
        }
        run.workerId = worker.workerId; // before the state: the held index files the run under it
        state.setState(run, RunState.ASSIGNED);
        run.assignedMillis = state.nowMillis;
        state.refileTimer(run);
        return new Result.Applied(0);
    }

    /**
     * Assigns runs a Tick just made (ids from {@code firstNewRun}) to the workers its placements
     * name, by the rules of {@link #onAssign}; a placement matching no new PENDING first attempt,
     * or refused, changes nothing (nor counts as stale: it names no attempt anyone holds).
     *
     * @return how many runs were placed
     */
    int place(List<Command.Placement> placements, long firstNewRun) {
        Map<String, Run> made = new HashMap<>();
        for (Run run : state.runs.tailMap(firstNewRun, true).values()) {
            if (!run.onDemand) {
                made.put(run.jobId + "@" + run.scheduledMillis + "#" + run.shardIndex, run);
            }
        }
        int placed = 0;
        for (Command.Placement p : placements) {
            Run run = made.remove(p.jobId() + "@" + p.scheduledMillis() + "#" + p.shardIndex());
            if (run != null && run.state == RunState.PENDING && run.attempt == 1
                    && onAssign(new Command.Assign(run.runId, p.workerId(), 1)) instanceof Result.Applied) {
                placed++;
            }
        }
        return placed;
    }

    Result onStarted(Command.Started c) {
        Run run = state.runs.get(c.runId());
        if (run == null) {
            return new Result.NotFound("run " + c.runId());
        }
        if (c.attempt() != run.attempt || !run.state.isHeld()) {
            return stale(run);
        }
        if (run.state == RunState.ASSIGNED) {
            state.setState(run, RunState.RUNNING);
            run.startedMillis = state.nowMillis;
        }
        return new Result.Applied(0);
    }

    Result onFinished(Command.Finished c) {
        Run run = state.runs.get(c.runId());
        if (run == null) {
            return new Result.NotFound("run " + c.runId());
        }
        if (c.attempt() != run.attempt || !run.state.isHeld()) {
            return stale(run);
        }
        Job job = state.jobs.get(run.jobId);
        run.exitCode = c.exitCode();
        run.outputTail = c.outputTail();
        if (c.outcome() == Command.Outcome.SUCCEEDED) {
            state.end(job, run, RunState.SUCCEEDED, "");
        } else {
            state.failAttempt(job, run, "attempt " + c.attempt() + " failed with exit code " + c.exitCode());
        }
        return new Result.Applied(0);
    }

    Result onWorkerLost(Command.WorkerLost c) {
        Worker worker = state.workers.get(c.workerId());
        if (worker == null) {
            return new Result.NotFound("worker " + c.workerId());
        }
        worker.lost = true;
        for (Run run : state.heldBy(worker.workerId)) {
            Job job = state.jobs.get(run.jobId);
            String cause = "worker " + worker.workerId + " lost during attempt " + run.attempt;
            if (!run.pinnedWorker.isEmpty() || job.spec.failover() == FailoverPolicy.FAIL) {
                state.end(job, run, RunState.FAILED, cause);
            } else {
                state.requeue(run, state.nowMillis, cause);
            }
        }
        // Broadcast runs waiting for this worker would wait forever: they end too.
        for (Run run : new ArrayList<>(state.live.values())) {
            if (run.state == RunState.PENDING && run.pinnedWorker.equals(worker.workerId)) {
                state.end(state.jobs.get(run.jobId), run, RunState.FAILED, "worker " + worker.workerId + " lost");
            }
        }
        return new Result.Applied(0);
    }

    Result onDeregister(Command.DeregisterWorker c) {
        Worker worker = state.workers.remove(c.workerId());
        if (worker == null) {
            return new Result.NotFound("worker " + c.workerId());
        }
        String cause = "worker " + worker.workerId + " left";
        for (Run run : new ArrayList<>(state.live.values())) {
            boolean held = run.state.isHeld() && worker.workerId.equals(run.workerId);
            boolean pinned = run.pinnedWorker.equals(worker.workerId);
            if (pinned && (held || run.state == RunState.PENDING || run.state == RunState.QUEUED)) {
                state.end(state.jobs.get(run.jobId), run, RunState.FAILED, cause);
            } else if (held) {
                state.requeue(run, state.nowMillis, cause + " during attempt " + run.attempt);
            }
        }
        return new Result.Applied(0);
    }

    private Result stale(Run run) {
        state.staleReports++;
        state.jobs.get(run.jobId).staleReports++;
        return new Result.StaleAttempt(run.runId, run.attempt);
    }
}
