package io.kairos.scheduler;

import io.kairos.raft.StateMachine;
import io.kairos.scheduler.command.Command;
import io.kairos.scheduler.command.CommandCodec;
import io.kairos.scheduler.command.Result;
import io.kairos.scheduler.command.ResultCodec;
import io.kairos.scheduler.job.OverlapPolicy;
import io.kairos.scheduler.job.Target;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The scheduler as Raft's replicated {@link StateMachine}: jobs, runs, workers and the replicated
 * clock. Deterministic: it reads nothing but its commands, so every master that applies the same
 * log holds the same state (compare {@link #digest()}). Commands arrive encoded by
 * {@link CommandCodec}; results leave encoded by {@link ResultCodec}; queries by {@link QueryCodec}.
 * Not thread-safe: the master's single applier thread drives it.
 */
public final class SchedulerStateMachine implements StateMachine {

    /** A due time this far behind the clock when a Tick finds it is late, by default. */
    public static final long DEFAULT_MISFIRE_THRESHOLD_MILLIS = 5_000;

    /** The most late times of one job a Tick walks (about a second of cron evaluation). */
    static final long LATE_WALK_BUDGET = 100_000;

    private final long misfireThresholdMillis;
    private final long lateWalkBudget;
    private SchedulerState state = new SchedulerState();
    private Firing firing;
    private JobLifecycle jobs;
    private Dispatch dispatch;

    public SchedulerStateMachine() {
        this(DEFAULT_MISFIRE_THRESHOLD_MILLIS);
    }

    /** @param misfireThresholdMillis must be the same on every master of a cluster */
    public SchedulerStateMachine(long misfireThresholdMillis) {
        this(misfireThresholdMillis, LATE_WALK_BUDGET);
    }

    SchedulerStateMachine(long misfireThresholdMillis, long lateWalkBudget) {
        if (misfireThresholdMillis < 0) {
            throw new IllegalArgumentException("misfire threshold must not be negative, was " + misfireThresholdMillis);
        }
        if (lateWalkBudget < 1) {
            throw new IllegalArgumentException("late walk budget must be at least 1, was " + lateWalkBudget);
        }
        this.misfireThresholdMillis = misfireThresholdMillis;
        this.lateWalkBudget = lateWalkBudget;
        wire();
    }

    private void wire() {
        firing = new Firing(state, misfireThresholdMillis, lateWalkBudget);
        jobs = new JobLifecycle(state, firing);
        dispatch = new Dispatch(state);
    }

    /** Applies an encoded command; malformed or invalid bytes give a {@link Result.Rejected}, never an exception. */
    @Override
    public byte[] apply(long index, byte[] command) {
        Command decoded;
        try {
            decoded = CommandCodec.decode(command);
        } catch (IllegalArgumentException e) {
            return ResultCodec.encode(new Result.Rejected(e.getMessage()));
        }
        return ResultCodec.encode(apply(decoded));
    }

    /** Applies a command; the typed form of {@link #apply(long, byte[])}. */
    public Result apply(Command c) {
        if (c instanceof Command.Tick t) {
            if (t.millis() > state.nowMillis) {
                state.nowMillis = t.millis();
            }
            long firstNewRun = state.nextRunId;
            firing.onClockAdvanced();
            return new Result.Applied(t.placements().isEmpty() ? 0 : dispatch.place(t.placements(), firstNewRun));
        } else if (c instanceof Command.CreateJob x) {
            return jobs.onCreate(x);
        } else if (c instanceof Command.UpdateJob x) {
            return jobs.onUpdate(x);
        } else if (c instanceof Command.PauseJob x) {
            return jobs.onPause(x);
        } else if (c instanceof Command.ResumeJob x) {
            return jobs.onResume(x);
        } else if (c instanceof Command.DeleteJob x) {
            return jobs.onDelete(x);
        } else if (c instanceof Command.TriggerJob x) {
            return jobs.onTrigger(x);
        } else if (c instanceof Command.RegisterWorker x) {
            return dispatch.onRegister(x);
        } else if (c instanceof Command.Assign x) {
            return dispatch.onAssign(x);
        } else if (c instanceof Command.Started x) {
            return dispatch.onStarted(x);
        } else if (c instanceof Command.Finished x) {
            return dispatch.onFinished(x);
        } else if (c instanceof Command.WorkerLost x) {
            return dispatch.onWorkerLost(x);
        } else if (c instanceof Command.DeregisterWorker x) {
            return dispatch.onDeregister(x);
        } else if (c instanceof Command.CancelRun x) {
            return jobs.onCancelRun(x);
        }
        throw new AssertionError("unknown command " + c);
    }

    /** Answers an encoded {@link Query}; a malformed one throws {@link IllegalArgumentException}. */
    @Override
    public byte[] query(byte[] query) {
        Query q = QueryCodec.decode(query);
        if (q instanceof Query.JobById x) {
            return QueryCodec.encodeJobs(job(x.jobId()).map(List::of).orElse(List.of()));
        } else if (q instanceof Query.ListJobs) {
            return QueryCodec.encodeJobs(jobs());
        } else if (q instanceof Query.RunsOfJob x) {
            return QueryCodec.encodeRuns(runs(x.jobId()));
        } else if (q instanceof Query.DueRuns) {
            return QueryCodec.encodeRuns(dueRuns());
        } else if (q instanceof Query.NextDue) {
            return QueryCodec.encodeOptionalLong(nextDueMillis());
        } else if (q instanceof Query.Digest) {
            return digest();
        } else if (q instanceof Query.ListWorkers) {
            return QueryCodec.encodeWorkers(workers());
        } else if (q instanceof Query.LiveRuns) {
            return QueryCodec.encodeRuns(liveRuns());
        } else if (q instanceof Query.RunById x) {
            return QueryCodec.encodeRuns(run(x.runId()).map(List::of).orElse(List.of()));
        }
        throw new AssertionError("unknown query " + q);
    }

    public Optional<JobView> job(String jobId) {
        return Optional.ofNullable(state.jobs.get(jobId)).map(Job::view);
    }

    public List<JobView> jobs() {
        return state.jobs.values().stream().map(Job::view).toList();
    }

    /** The job's kept runs, oldest first; empty for an unknown job. */
    public List<RunView> runs(String jobId) {
        Job job = state.jobs.get(jobId);
        return job == null ? List.of() : job.runs.values().stream().map(Run::view).toList();
    }

    /** PENDING runs due at or before the clock, by due time, then run id. */
    public List<RunView> dueRuns() {
        List<RunView> due = new ArrayList<>();
        for (Run r : state.pendingDue(state.nowMillis)) {
            due.add(r.view());
        }
        return due;
    }

    /**
     * When the leader's trigger timer should propose the next Tick: the earliest of an unpaused job's
     * next fire, a retry's end of backoff and an attempt's timeout; empty when nothing waits on time.
     * It may be at or before the clock (a job created with a start in the past, or before any Tick):
     * propose a Tick now.
     */
    public OptionalLong nextDueMillis() {
        long next = ScheduleCalendar.NONE;
        if (!state.timers.isEmpty()) {
            long first = state.timers.first().key();
            next = first == Long.MIN_VALUE ? state.nowMillis : first; // an unanchored job: a Tick anchors it
        }
        next = Math.min(next, state.nextRunTime(state.nowMillis));
        return next == ScheduleCalendar.NONE ? OptionalLong.empty() : OptionalLong.of(next);
    }

    /**
     * The fires a Tick at {@code tickMillis} would make on time, as far as can be told without
     * applying it, in job id order then shard: for each unpaused, non-broadcast job whose next fire
     * is at or before {@code tickMillis} and not late (within the misfire threshold), that fire,
     * unless its overlap policy would skip or queue it behind a live run. Only the first such fire
     * of a job is listed. It is the leader's guess for a Tick's {@link Command.Placement}s: the Tick
     * itself decides, and a wrong guess only costs the run an ordinary Assign.
     */
    public List<ExpectedFire> expectedFires(long tickMillis) {
        List<ExpectedFire> fires = new ArrayList<>();
        long clock = Math.max(tickMillis, state.nowMillis);
        for (Job job : state.timedAtOrBefore(tickMillis)) {
            long at = job.nextFireMillis;
            Target target = job.spec.target();
            if (job.paused || job.anchorMillis == Job.UNANCHORED || at == ScheduleCalendar.NONE || at > clock
                    || at < clock - misfireThresholdMillis || target.routing() == Target.Routing.BROADCAST) {
                continue;
            }
            OverlapPolicy overlap = job.spec.overlap();
            if ((overlap == OverlapPolicy.SKIP || overlap == OverlapPolicy.QUEUE_ONE) && job.hasLiveRun()) {
                continue;
            }
            int shards = target.routing() == Target.Routing.SHARDING ? target.shards() : 1;
            JobView view = job.view();
            for (int shard = 0; shard < shards; shard++) {
                fires.add(new ExpectedFire(view, at, shard));
            }
        }
        return fires;
    }

    /** Every registered worker, by id. */
    public List<WorkerView> workers() {
        List<WorkerView> views = new ArrayList<>(state.workers.size());
        for (Worker w : state.workers.values()) {
            views.add(w.view(state.heldCount(w.workerId)));
        }
        return views;
    }

    public Optional<WorkerView> worker(String workerId) {
        Worker w = state.workers.get(workerId);
        return w == null ? Optional.empty() : Optional.of(w.view(state.heldCount(workerId)));
    }

    /** Attempts {@code workerId} holds (ASSIGNED or RUNNING), by run id: what it should be running. */
    public List<RunView> heldBy(String workerId) {
        return state.heldBy(workerId).stream().map(Run::view).toList();
    }

    /** Every live run (QUEUED, PENDING, ASSIGNED, RUNNING), by run id. */
    public List<RunView> liveRuns() {
        return state.live.values().stream().map(Run::view).toList();
    }

    /** A run that is still kept (live or in its job's history). */
    public Optional<RunView> run(long runId) {
        return Optional.ofNullable(state.runs.get(runId)).map(Run::view);
    }

    /**
     * Whether the derived indexes (live runs, job timers) equal what a full scan of the state gives:
     * for the property tests, which check it after every command.
     */
    boolean indexesMatchAFullScan() {
        java.util.TreeMap<Long, Run> live = new java.util.TreeMap<>();
        state.runs.values().stream().filter(r -> r.state.isLive()).forEach(r -> live.put(r.runId, r));
        java.util.TreeSet<SchedulerState.TimerEntry> timers = new java.util.TreeSet<>();
        for (Job job : state.jobs.values()) {
            long key = SchedulerState.timerKeyOf(job);
            if (key != SchedulerState.NOT_TIMED) {
                timers.add(new SchedulerState.TimerEntry(key, job.jobId));
            }
        }
        java.util.HashMap<String, java.util.TreeMap<Long, Run>> held = new java.util.HashMap<>();
        for (Run r : live.values()) {
            if (r.state.isHeld()) {
                held.computeIfAbsent(r.workerId, w -> new java.util.TreeMap<>()).put(r.runId, r);
            }
        }
        java.util.TreeSet<SchedulerState.RunTimer> pending = new java.util.TreeSet<>();
        java.util.TreeSet<SchedulerState.RunTimer> deadlines = new java.util.TreeSet<>();
        for (Run r : live.values()) {
            long timeout = state.jobs.get(r.jobId).spec.timeoutMillis();
            if (r.state == RunState.PENDING) {
                pending.add(new SchedulerState.RunTimer(r.dueMillis, r.runId, true));
            } else if (r.state.isHeld() && timeout > 0) {
                deadlines.add(new SchedulerState.RunTimer(ScheduleCalendar.plus(r.assignedMillis, timeout), r.runId,
                        false));
            }
        }
        return live.equals(state.live) && timers.equals(state.timers) && held.equals(state.held)
                && pending.equals(state.pendingByDue) && deadlines.equals(state.deadlines);
    }

    /** The replicated clock: the largest Tick applied, 0 before any. */
    public long nowMillis() {
        return state.nowMillis;
    }

    /** Fencing rejections so far, over all jobs. */
    public long staleReports() {
        return state.staleReports;
    }

    /** SHA-256 of the snapshot bytes: equal exactly when the states are equal. */
    public byte[] digest() {
        try {
            return MessageDigest.getInstance("SHA-256").digest(StateCodec.write(state));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }

    @Override
    public void writeSnapshot(OutputStream out) throws IOException {
        out.write(StateCodec.write(state));
    }

    @Override
    public void restore(InputStream in) throws IOException {
        byte[] bytes = in.readAllBytes();
        try {
            state = StateCodec.read(bytes);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        wire();
    }
}
