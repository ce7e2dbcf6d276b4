package io.kairos.server.sched;

import io.kairos.api.worker.AttemptRef;
import io.kairos.api.worker.Dispatch;
import io.kairos.api.worker.LogUpload;
import io.kairos.api.worker.PollRequest;
import io.kairos.api.worker.PollResponse;
import io.kairos.api.worker.RegisterRequest;
import io.kairos.api.worker.Report;
import io.kairos.api.worker.ReportResponse;
import io.kairos.scheduler.JobView;
import io.kairos.scheduler.RunView;
import io.kairos.scheduler.SchedulerStateMachine;
import io.kairos.scheduler.command.Command;
import io.kairos.scheduler.command.CommandCodec;
import io.kairos.scheduler.command.Result;
import io.kairos.scheduler.command.ResultCodec;
import io.kairos.scheduler.leader.HeldAttempt;
import io.kairos.scheduler.leader.LeaderDuties;
import io.kairos.scheduler.leader.PollAnswer;
import io.kairos.server.loop.ProposalFailedException;
import io.kairos.server.loop.RaftLoop;
import io.kairos.server.master.MasterStateMachine;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler's leader side on a master. {@link LeaderDuties} runs on the applier thread, the
 * only thread that touches the scheduler state: after every applied batch, when its own timer
 * fires, and for each worker request. It becomes active in a term only once this master leads it
 * and has applied an entry of it (so its applied state holds everything committed before), and it
 * proposes what the duties say: Ticks from the wall clock, Assigns, WorkerLosts. Workers learn of
 * an assignment only from a poll answered from the applied state: dispatch after commit.
 */
public final class SchedulerService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SchedulerService.class);

    /**
     * @param leaseMillis a worker not heard from for this long is declared lost
     * @param heartbeatMillis how often workers poll at the latest (a third of the lease or less)
     * @param proposalRetryMillis how long a proposal is trusted to commit before it is made again
     */
    public record Settings(long leaseMillis, long heartbeatMillis, long proposalRetryMillis) {
        public Settings {
            if (leaseMillis < 1 || heartbeatMillis < 1 || proposalRetryMillis < 1 || heartbeatMillis * 2 > leaseMillis) {
                throw new IllegalArgumentException("lease, heartbeat and retry must be positive, the heartbeat at most"
                        + " half the lease; were " + leaseMillis + ", " + heartbeatMillis + ", " + proposalRetryMillis);
            }
        }

        public static Settings defaults() {
            return new Settings(5_000, 1_000, 2_000);
        }
    }

    private record WaitingPoll(List<HeldAttempt> held, CompletableFuture<PollResponse> future) {
    }

    private final RaftLoop loop;
    private final SchedulerStateMachine state;
    private final Settings settings;
    private final Clock clock;
    private final ScheduledExecutorService timer;

    // Applier thread only.
    private LeaderDuties duties;
    private long activeTerm = -1;
    private final Map<String, WaitingPoll> waitingPolls = new HashMap<>();
    /** Logs asked for through the API, by worker, until it uploads them. */
    private final Map<String, Map<AttemptRef, List<CompletableFuture<LogUpload>>>> pendingLogs = new HashMap<>();
    private ScheduledFuture<?> wake;
    private long wakeAt = Long.MAX_VALUE;

    /**
     * When each worker was last heard, taken as its request arrives (any thread): a lease is judged
     * by when the worker spoke, not by when a busy applier got round to its request, so a backlog
     * on the master never makes a live worker look lost. Drained into the duties at each turn.
     */
    private final java.util.concurrent.ConcurrentHashMap<String, Heard> heard =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** {@code atMillis} on the elapsed clock. */
    private record Heard(long atMillis, boolean draining) {
    }

    /**
     * The clock of leases and proposals in flight: monotonic, so a step of the wall clock (NTP,
     * an operator) declares no live worker lost. The wall clock ({@link #clock}) only says what
     * time it is in the schedule.
     */
    private static long elapsedMillis() {
        return System.nanoTime() / 1_000_000;
    }

    /** Set while a turn is queued on the applier: bursts of applies make one turn, not one each. */
    private final java.util.concurrent.atomic.AtomicBoolean turnQueued = new java.util.concurrent.atomic.AtomicBoolean();

    private final io.kairos.server.metrics.MasterMetrics metrics;
    /** Runs whose first attempt this leader dispatched, for the lateness metric (bounded). */
    private final java.util.Set<Long> dispatchedOnce = java.util.Collections.newSetFromMap(
            new java.util.LinkedHashMap<>(1024, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
                    return size() > 100_000;
                }
            });

    public SchedulerService(RaftLoop loop, MasterStateMachine master, Settings settings, Clock clock,
            io.kairos.server.metrics.MasterMetrics metrics) {
        this.metrics = metrics;
        this.loop = loop;
        this.state = master.schedulerPart();
        this.settings = settings;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "trigger-timer-" + loop.id());
            t.setDaemon(true);
            return t;
        });
        loop.afterApply(this::turnSoon);
    }

    public Settings settings() {
        return settings;
    }

    /** The applied scheduler state: read it only inside {@link #onApplier}. */
    public SchedulerStateMachine state() {
        return state;
    }

    // --- worker requests (any thread) --------------------------------------------------------

    /** Registers (or re-registers) a worker once the leader has committed it. */
    public CompletableFuture<Long> register(RegisterRequest request) {
        Command.RegisterWorker command = new Command.RegisterWorker(request.workerId(),
                new java.util.TreeSet<>(request.tags() == null ? List.of() : request.tags()), request.capacity());
        long arrived = elapsedMillis();
        return propose(command).thenCompose(result -> onApplier(() -> {
            requireActive();
            duties.onHeartbeat(command.workerId(), false, arrived);
            return activeTerm;
        }));
    }

    /** The heartbeat and long poll: answered at once with news, else within {@code waitMillis}. */
    public CompletableFuture<PollResponse> poll(String workerId, PollRequest request) {
        CompletableFuture<PollResponse> future = new CompletableFuture<>();
        List<HeldAttempt> held = new ArrayList<>();
        if (request.held() != null) {
            for (AttemptRef a : request.held()) {
                held.add(new HeldAttempt(a.runId(), a.attempt()));
            }
        }
        long wait = Math.max(0, Math.min(request.waitMillis(), PollRequest.MAX_WAIT_MILLIS));
        heard.merge(workerId, new Heard(elapsedMillis(), request.draining()),
                (old, now) -> now.atMillis() >= old.atMillis() ? now : old);
        loop.onApplierThread(() -> {
            try {
                requireActive();
                drainHeartbeats();
                PollAnswer answer = duties.answerPoll(workerId, held, state);
                if (!answer.isEmpty() || wait == 0 || pendingLogs.containsKey(workerId)) {
                    future.complete(response(workerId, answer));
                    return;
                }
                WaitingPoll earlier = waitingPolls.put(workerId, new WaitingPoll(held, future));
                if (earlier != null) {
                    earlier.future.complete(response(workerId, new PollAnswer(true, List.of(), List.of())));
                }
                timer.schedule(() -> loop.onApplierThread(() -> expire(workerId, future)), wait, TimeUnit.MILLISECONDS);
            } catch (RuntimeException e) {
                future.completeExceptionally(e);
            }
        });
        return loop.offApplier(future);
    }

    /** Commits the reports in order; each verdict once its entry applied. */
    public CompletableFuture<ReportResponse> report(String workerId, List<Report> reports) {
        List<CompletableFuture<ReportResponse.Verdict>> verdicts = new ArrayList<>();
        for (Report r : reports) {
            Command c = r.kind() == Report.Kind.STARTED ? new Command.Started(r.runId(), r.attempt())
                    : new Command.Finished(r.runId(), r.attempt(), r.outcome() == Report.Outcome.SUCCEEDED
                            ? Command.Outcome.SUCCEEDED : Command.Outcome.FAILED, r.exitCode(),
                            r.outputTail() == null ? "" : tail(r.outputTail()));
            verdicts.add(propose(c).thenApply(SchedulerService::verdict));
        }
        return CompletableFuture.allOf(verdicts.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
            long term = loop.leadingTerm();
            return new ReportResponse(term, verdicts.stream().map(CompletableFuture::join).toList());
        });
    }

    /**
     * The full log of a run's last attempt, from the worker that ran it: asked for in that worker's
     * next poll answer, completed when it uploads. Fails with {@link LogUnavailableException} when no
     * connected worker can have it.
     */
    public CompletableFuture<LogUpload> fetchLog(long runId) {
        CompletableFuture<LogUpload> future = new CompletableFuture<>();
        loop.onApplierThread(() -> {
            try {
                requireActive();
                RunView run = state.run(runId).orElseThrow(() -> new LogUnavailableException(
                        "no run " + runId + " (it never existed, or its job was deleted or its history trimmed)"));
                if (run.workerId() == null) {
                    throw new LogUnavailableException("run " + runId + " has not run on any worker yet");
                }
                if (state.worker(run.workerId()).map(w -> w.lost()).orElse(true)) {
                    throw new LogUnavailableException("run " + runId + " ran on worker " + run.workerId()
                            + ", which is not connected now; its log stays on that worker");
                }
                AttemptRef ref = new AttemptRef(runId, run.attempt());
                pendingLogs.computeIfAbsent(run.workerId(), w -> new HashMap<>())
                        .computeIfAbsent(ref, r -> new ArrayList<>()).add(future);
                String worker = run.workerId();
                future.whenComplete((log, error) -> loop.onApplierThread(() -> forgetLogRequest(worker, ref, future)));
                WaitingPoll waiting = waitingPolls.remove(worker);
                if (waiting != null) {
                    waiting.future().complete(response(worker, duties.answerPoll(worker, waiting.held(), state)));
                }
            } catch (RuntimeException e) {
                future.completeExceptionally(e);
            }
        });
        return loop.offApplier(future);
    }

    /** A worker's upload of a log asked for. */
    public void logUploaded(String workerId, LogUpload upload) {
        loop.onApplierThread(() -> {
            Map<AttemptRef, List<CompletableFuture<LogUpload>>> mine = pendingLogs.get(workerId);
            List<CompletableFuture<LogUpload>> waiting = mine == null ? null
                    : mine.remove(new AttemptRef(upload.runId(), upload.attempt()));
            if (waiting != null) {
                waiting.forEach(f -> f.complete(upload));
            }
            if (mine != null && mine.isEmpty()) {
                pendingLogs.remove(workerId);
            }
        });
    }

    private void forgetLogRequest(String workerId, AttemptRef ref, CompletableFuture<LogUpload> future) {
        Map<AttemptRef, List<CompletableFuture<LogUpload>>> mine = pendingLogs.get(workerId);
        if (mine == null) {
            return;
        }
        List<CompletableFuture<LogUpload>> waiting = mine.get(ref);
        if (waiting != null) {
            waiting.remove(future);
            if (waiting.isEmpty()) {
                mine.remove(ref);
            }
        }
        if (mine.isEmpty()) {
            pendingLogs.remove(workerId);
        }
    }

    /** The worker leaves: what it still holds is handed back as new attempts. */
    public CompletableFuture<Long> deregister(String workerId) {
        return propose(new Command.DeregisterWorker(workerId)).thenApply(result -> loop.leadingTerm());
    }

    /** Proposes a scheduler command (validated by the caller's record); completes with its result once applied. */
    public CompletableFuture<Result> propose(Command command) {
        return loop.propose(MasterStateMachine.scheduler(CommandCodec.encode(command))).thenApply(ResultCodec::decode);
    }

    /** Runs {@code read} on the applier thread, against the applied scheduler state. */
    public <T> CompletableFuture<T> onApplier(java.util.function.Supplier<T> read) {
        CompletableFuture<T> future = new CompletableFuture<>();
        loop.onApplierThread(() -> {
            try {
                future.complete(read.get());
            } catch (RuntimeException e) {
                future.completeExceptionally(e);
            }
        });
        return loop.offApplier(future);
    }

    // --- the applier thread ----------------------------------------------------------------

    private void turnSoon() {
        if (turnQueued.compareAndSet(false, true)) {
            loop.onApplierThread(() -> {
                turnQueued.set(false);
                turn();
            });
        }
    }

    private void drainHeartbeats() {
        for (var e : heard.entrySet()) {
            if (heard.remove(e.getKey(), e.getValue())) {
                duties.onHeartbeat(e.getKey(), e.getValue().draining(), e.getValue().atMillis());
            }
        }
    }

    private void turn() {
        try {
            long term = loop.leadingTerm();
            if (term < 0 || loop.appliedTerm() != term) {
                if (activeTerm >= 0 && term != activeTerm) {
                    stepDown();
                }
                return;
            }
            long wall = clock.millis();
            long elapsed = elapsedMillis();
            if (term != activeTerm) {
                stepDown();
                duties = new LeaderDuties(settings.leaseMillis(), settings.proposalRetryMillis());
                duties.onElected(elapsed, state);
                activeTerm = term;
                log.info("{} leads term {}: trigger timer from the committed clock {}, {} workers on a fresh lease",
                        loop.id(), term, state.nowMillis(), state.workers().size());
            }
            drainHeartbeats();
            for (Command c : duties.commandsDue(wall, elapsed, state)) {
                if (!(c instanceof Command.Tick)) {
                    log.debug("{} proposes {}", loop.id(), c);
                }
                LeaderDuties proposer = duties;
                propose(c).whenComplete((r, e) -> {
                    if (e != null) {
                        proposalFailed(proposer, c, e);
                    } else if (r instanceof Result.Applied a && c instanceof Command.Tick && a.value() > 0) {
                        metrics.assigned("tick", a.value());
                    } else if (r instanceof Result.Applied && c instanceof Command.Assign) {
                        metrics.assigned("assign", 1);
                    }
                });
            }
            answerWaitingPolls();
            OptionalLong delay = duties.nextWakeDelayMillis(wall, elapsed, state);
            if (delay.isPresent()) {
                scheduleWake(elapsed + delay.getAsLong(), elapsed);
            }
        } catch (RuntimeException e) {
            log.error("the scheduler's leader duties failed; they run again on the next apply", e);
        }
    }

    /** A failed proposal is made again at the next turn (soon), not after the retry interval; counted and logged. */
    private void proposalFailed(LeaderDuties proposer, Command c, Throwable e) {
        Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                ? e.getCause() : e;
        String kind = cause instanceof ProposalFailedException p ? p.kind().name() : cause.getClass().getSimpleName();
        metrics.proposalFailed(c.getClass().getSimpleName(), kind);
        long now = System.nanoTime();
        if (now - lastFailureLogNanos > 1_000_000_000L) {
            lastFailureLogNanos = now;
            log.warn("{} could not propose {}: {} (retried at once; counted in kairos_scheduler_proposals_failed)",
                    loop.id(), c.getClass().getSimpleName(), cause.getMessage());
        }
        loop.onApplierThread(() -> {
            if (duties == proposer) {
                duties.onProposalFailed(c);
            }
        });
        turnSoon();
    }

    private volatile long lastFailureLogNanos;

    private void answerWaitingPolls() {
        var it = waitingPolls.entrySet().iterator();
        while (it.hasNext()) {
            var e = it.next();
            PollAnswer answer = duties.answerPoll(e.getKey(), e.getValue().held(), state);
            if (!answer.isEmpty()) {
                e.getValue().future().complete(response(e.getKey(), answer));
                it.remove();
            }
        }
    }

    private void expire(String workerId, CompletableFuture<PollResponse> future) {
        if (future.isDone()) {
            return;
        }
        WaitingPoll waiting = waitingPolls.get(workerId);
        if (waiting != null && waiting.future() == future) {
            waitingPolls.remove(workerId);
        }
        if (isActive()) {
            future.complete(response(workerId, duties.answerPoll(workerId, waiting == null ? List.of()
                    : waiting.held(), state)));
        } else {
            future.completeExceptionally(notLeader());
        }
    }

    /**
     * Keeps one timer pending, at the earliest time asked. The timer only posts {@link #onWake} to
     * this thread, which forgets the wake before the turn: whether a wake is pending is decided
     * here, never by the timer thread's view of its own future (which may still look pending while
     * its posted turn already runs, and would leave no wake at all). {@code at} and {@code now} are
     * on the elapsed clock.
     */
    private void scheduleWake(long at, long now) {
        if (wake != null && wakeAt <= at) {
            return;
        }
        if (wake != null) {
            wake.cancel(false);
        }
        wakeAt = at;
        wake = timer.schedule(() -> loop.onApplierThread(() -> onWake(at)), Math.max(0, at - now),
                TimeUnit.MILLISECONDS);
    }

    private void onWake(long at) {
        if (wake != null && wakeAt == at) {
            wake = null;
            wakeAt = Long.MAX_VALUE;
        }
        turn();
    }

    private void stepDown() {
        if (activeTerm >= 0) {
            log.info("{} no longer leads term {}: leader duties stop", loop.id(), activeTerm);
        }
        activeTerm = -1;
        duties = null;
        ProposalFailedException notLeader = notLeader();
        waitingPolls.values().forEach(w -> w.future().completeExceptionally(notLeader));
        waitingPolls.clear();
        pendingLogs.values().forEach(m -> m.values().forEach(l -> l.forEach(f -> f.completeExceptionally(notLeader))));
        pendingLogs.clear();
        if (wake != null) {
            wake.cancel(false);
            wake = null;
            wakeAt = Long.MAX_VALUE;
        }
    }

    private boolean isActive() {
        return activeTerm >= 0 && loop.leadingTerm() == activeTerm;
    }

    private void requireActive() {
        if (!isActive()) {
            turn(); // a new leader whose first entry has just applied becomes active here
        }
        if (!isActive()) {
            throw notLeader();
        }
    }

    private ProposalFailedException notLeader() {
        if (loop.leadingTerm() >= 0) {
            // Elected, but its first entry has not applied yet: no leader to send anyone to (not
            // even itself, which would loop), so a 503 no_leader with Retry-After 0.
            return new ProposalFailedException(ProposalFailedException.Kind.NOT_LEADER, null,
                    loop.id() + " was just elected and is catching up; retry shortly");
        }
        return new ProposalFailedException(ProposalFailedException.Kind.NOT_LEADER, loop.knownLeader(),
                loop.id() + " does not lead the scheduler right now");
    }

    private PollResponse response(String workerId, PollAnswer answer) {
        List<Dispatch> dispatches = new ArrayList<>();
        long now = clock.millis();
        for (RunView run : answer.dispatches()) {
            if (run.attempt() == 1 && !run.onDemand() && dispatchedOnce.add(run.runId())) {
                metrics.recordDispatchLateness(now - run.scheduledMillis());
            }
            Optional<JobView> job = state.job(run.jobId());
            job.ifPresent(j -> dispatches.add(Dispatches.of(run, j)));
        }
        List<AttemptRef> cancels = answer.cancels().stream().map(a -> new AttemptRef(a.runId(), a.attempt())).toList();
        List<AttemptRef> logs = List.copyOf(pendingLogs.getOrDefault(workerId, Map.of()).keySet());
        return new PollResponse(activeTerm, answer.registered(), dispatches, cancels, logs);
    }

    private static ReportResponse.Verdict verdict(Result result) {
        if (result instanceof Result.Applied) {
            return ReportResponse.Verdict.APPLIED;
        } else if (result instanceof Result.NotFound) {
            return ReportResponse.Verdict.NOT_FOUND;
        }
        return ReportResponse.Verdict.STALE;
    }

    private static String tail(String output) {
        return output.length() <= Command.MAX_OUTPUT_TAIL ? output
                : output.substring(output.length() - Command.MAX_OUTPUT_TAIL);
    }

    /** The scheduler's numbers for a scrape, taken on the applier thread. */
    public CompletableFuture<io.kairos.server.metrics.SchedulerStats> stats() {
        return onApplier(() -> {
            long paused = 0;
            long fired = 0;
            long skipped = 0;
            for (var job : state.jobs()) {
                paused += job.paused() ? 1 : 0;
                fired += job.firedCount();
                skipped += job.skippedFires();
            }
            long[] byState = new long[io.kairos.scheduler.RunState.values().length];
            for (RunView run : state.liveRuns()) {
                byState[run.state().ordinal()]++;
            }
            long alive = 0;
            long lost = 0;
            for (var w : state.workers()) {
                alive += w.lost() ? 0 : 1;
                lost += w.lost() ? 1 : 0;
            }
            return new io.kairos.server.metrics.SchedulerStats(state.jobs().size(), paused,
                    byState[io.kairos.scheduler.RunState.QUEUED.ordinal()],
                    byState[io.kairos.scheduler.RunState.PENDING.ordinal()],
                    byState[io.kairos.scheduler.RunState.ASSIGNED.ordinal()],
                    byState[io.kairos.scheduler.RunState.RUNNING.ordinal()], alive, lost, fired, skipped,
                    state.staleReports(), state.nowMillis() == 0 ? 0 : clock.millis() - state.nowMillis());
        });
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
