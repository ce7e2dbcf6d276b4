package io.kairos.server.http;

import io.kairos.api.job.JobJson;
import io.kairos.api.job.JobSpecJson;
import io.kairos.api.job.RunJson;
import io.kairos.api.job.ScheduleSpec;
import io.kairos.api.job.WorkerJson;
import io.kairos.api.worker.TaskSpec;
import io.kairos.scheduler.JobView;
import io.kairos.scheduler.RunView;
import io.kairos.scheduler.WorkerView;
import io.kairos.scheduler.job.FailoverPolicy;
import io.kairos.scheduler.job.JobSpec;
import io.kairos.scheduler.job.MisfirePolicy;
import io.kairos.scheduler.job.OverlapPolicy;
import io.kairos.scheduler.job.RetryPolicy;
import io.kairos.scheduler.job.Schedule;
import io.kairos.scheduler.job.Target;
import io.kairos.scheduler.job.Task;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Between the API's JSON records and the scheduler's own types. Reading validates: anything the
 * scheduler would refuse throws {@link IllegalArgumentException} with the reason, for a 400.
 */
final class JobMapping {

    private JobMapping() {
    }

    static JobSpec toSpec(JobSpecJson json) {
        if (json == null) {
            throw new IllegalArgumentException("spec is required");
        }
        if (json.schedule() == null) {
            throw new IllegalArgumentException("spec.schedule is required: {\"type\": \"cron\"|\"fixedRate\"|"
                    + "\"fixedDelay\"|\"oneShot\"|\"onDemand\", ...}");
        }
        if (json.task() == null) {
            throw new IllegalArgumentException("spec.task is required: {\"type\": \"shell\"|\"http\"|\"java\", ...}");
        }
        JobSpec.Builder b = JobSpec.builder(schedule(json.schedule())).task(task(json.task()));
        if (json.startMillis() != null) {
            b.startMillis(json.startMillis());
        }
        if (json.endMillis() != null) {
            b.endMillis(json.endMillis());
        }
        if (json.misfire() != null) {
            MisfirePolicy.Kind kind = enumOf(MisfirePolicy.Kind.class, "spec.misfire.policy", json.misfire().policy());
            b.misfire(switch (kind) {
                case SKIP -> MisfirePolicy.skip();
                case FIRE_ONCE_NOW -> MisfirePolicy.fireOnceNow();
                case FIRE_ALL_UP_TO -> MisfirePolicy.fireAllUpTo(json.misfire().limit() == null ? 0
                        : json.misfire().limit());
            });
        }
        if (json.overlap() != null) {
            b.overlap(enumOf(OverlapPolicy.class, "spec.overlap", json.overlap()));
        }
        if (json.retry() != null) {
            b.retry(new RetryPolicy(json.retry().maxAttempts(), json.retry().backoffBaseMillis(),
                    json.retry().backoffCapMillis()));
        }
        if (json.timeoutMillis() != null) {
            b.timeoutMillis(json.timeoutMillis());
        }
        if (json.target() != null) {
            Target.Routing routing = json.target().routing() == null ? Target.Routing.ROUND_ROBIN
                    : enumOf(Target.Routing.class, "spec.target.routing", json.target().routing());
            b.target(new Target(json.target().groupTag() == null ? "" : json.target().groupTag(), routing,
                    json.target().shards() == null ? 1 : json.target().shards()));
        }
        if (json.historySize() != null) {
            b.historySize(json.historySize());
        }
        if (json.failover() != null) {
            b.failover(enumOf(FailoverPolicy.class, "spec.failover", json.failover()));
        }
        return b.build();
    }

    private static Schedule schedule(ScheduleSpec s) {
        if (s instanceof ScheduleSpec.Cron c) {
            return new Schedule.Cron(c.expression(), c.zone() == null ? "UTC" : c.zone());
        } else if (s instanceof ScheduleSpec.FixedRate r) {
            return new Schedule.FixedRate(r.periodMillis());
        } else if (s instanceof ScheduleSpec.FixedDelay d) {
            return new Schedule.FixedDelay(d.delayMillis());
        } else if (s instanceof ScheduleSpec.OneShot o) {
            return new Schedule.OneShot(o.atMillis());
        }
        return new Schedule.OnDemand();
    }

    private static Task task(TaskSpec t) {
        if (t instanceof TaskSpec.Shell s) {
            return new Task.Shell(s.command(), s.workDir() == null ? "" : s.workDir(), sorted(s.env()));
        } else if (t instanceof TaskSpec.Http h) {
            return new Task.Http(h.method() == null ? "POST" : h.method(), h.url(), sorted(h.headers()),
                    h.body() == null ? "" : h.body());
        }
        return new Task.Java(((TaskSpec.Java) t).handler());
    }

    private static TreeMap<String, String> sorted(Map<String, String> map) {
        return map == null ? new TreeMap<>() : new TreeMap<>(map);
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String field, String value) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(field + " must be one of " + Arrays.toString(type.getEnumConstants())
                    + ", was '" + value + "'");
        }
    }

    static JobJson toJson(JobView job) {
        return new JobJson(job.jobId(), job.version(), toJson(job.spec()), job.paused(),
                job.nextFireMillis().isPresent() ? job.nextFireMillis().getAsLong() : null, job.skippedFires(),
                job.firedCount(), job.staleReports());
    }

    static JobSpecJson toJson(JobSpec spec) {
        ScheduleSpec schedule;
        if (spec.schedule() instanceof Schedule.Cron c) {
            schedule = new ScheduleSpec.Cron(c.expression(), c.zone());
        } else if (spec.schedule() instanceof Schedule.FixedRate r) {
            schedule = new ScheduleSpec.FixedRate(r.periodMillis());
        } else if (spec.schedule() instanceof Schedule.FixedDelay d) {
            schedule = new ScheduleSpec.FixedDelay(d.delayMillis());
        } else if (spec.schedule() instanceof Schedule.OneShot o) {
            schedule = new ScheduleSpec.OneShot(o.atMillis());
        } else {
            schedule = new ScheduleSpec.OnDemand();
        }
        return new JobSpecJson(schedule, spec.startMillis().isPresent() ? spec.startMillis().getAsLong() : null,
                spec.endMillis().isPresent() ? spec.endMillis().getAsLong() : null,
                new JobSpecJson.Misfire(spec.misfire().kind().name(), spec.misfire().limit()), spec.overlap().name(),
                new JobSpecJson.Retry(spec.retry().maxAttempts(), spec.retry().backoffBaseMillis(),
                        spec.retry().backoffCapMillis()),
                spec.timeoutMillis(), new JobSpecJson.Target(spec.target().groupTag(), spec.target().routing().name(),
                        spec.target().shards()),
                spec.historySize(), io.kairos.server.sched.Dispatches.taskSpec(spec.task()), spec.failover().name());
    }

    static RunJson toJson(RunView r) {
        return new RunJson(r.runId(), r.jobId(), r.scheduledMillis(), r.attempt(), r.state().name(), r.workerId(),
                never(r.dueMillis()), never(r.assignedMillis()), never(r.startedMillis()), never(r.finishedMillis()),
                r.failures(), r.finishedMillis() < 0 ? null : r.exitCode(), r.outputTail(), r.cause(), r.onDemand(),
                r.params(), r.shardIndex(), r.shardTotal(), r.firedMillis());
    }

    static WorkerJson toJson(WorkerView w) {
        return new WorkerJson(w.workerId(), new ArrayList<>(w.tags()), w.capacity(), w.lost(), w.held());
    }

    private static Long never(long millis) {
        return millis < 0 ? null : millis;
    }
}
