package io.kairos.server.sched;

import io.kairos.api.worker.Dispatch;
import io.kairos.api.worker.TaskSpec;
import io.kairos.scheduler.JobView;
import io.kairos.scheduler.RunView;
import io.kairos.scheduler.job.Task;

/** Turns a committed assignment into the worker protocol's {@link Dispatch}. */
public final class Dispatches {

    private Dispatches() {
    }

    static Dispatch of(RunView run, JobView job) {
        return new Dispatch(run.runId(), run.attempt(), run.jobId(), run.scheduledMillis(), run.shardIndex(),
                run.shardTotal(), run.params(), job.spec().timeoutMillis(), taskSpec(job.spec().task()));
    }

    public static TaskSpec taskSpec(Task task) {
        if (task instanceof Task.Shell s) {
            return new TaskSpec.Shell(s.command(), s.workDir(), s.env());
        } else if (task instanceof Task.Http h) {
            return new TaskSpec.Http(h.method(), h.url(), h.headers(), h.body());
        } else if (task instanceof Task.Java j) {
            return new TaskSpec.Java(j.handler());
        }
        throw new AssertionError("unknown task " + task);
    }
}
