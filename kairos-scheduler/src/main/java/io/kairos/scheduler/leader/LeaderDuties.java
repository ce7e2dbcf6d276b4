package io.kairos.scheduler.leader;

import io.kairos.scheduler.ExpectedFire;
import io.kairos.scheduler.JobView;
import io.kairos.scheduler.RunView;
import io.kairos.scheduler.SchedulerStateMachine;
import io.kairos.scheduler.WorkerView;
import io.kairos.scheduler.command.Command;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The leader's side of scheduling, pure: the caller brings the clock and the applied state, and
 * proposes what {@link #commandsDue} returns. Three duties:
 *
 * <ul>
 *   <li><b>trigger timer</b>: a Tick of the leader's clock once the state's next due time has come,
 *       carrying a placement, by the job's routing, for each fire it is expected to make (so an on
 *       time fire is assigned by the Tick's own commit);
 *   <li><b>dispatch</b>: an Assign, by the job's routing, for every due PENDING run (the runs a
 *       placement missed, retries, failovers); the worker learns of it only from
 *       {@link #answerPoll} on the applied (so committed) state;
 *   <li><b>failure detection</b>: a WorkerLost once a worker's lease has expired.
 * </ul>
 *
 * Two clocks come in: the leader's <b>wall</b> clock (epoch milliseconds) only for what time it
 * is in the schedule (a Tick's value and whether something is due), and an <b>elapsed</b> clock
 * (milliseconds from any origin that never jumps: the machine's monotonic clock) for leases
 * and proposals in flight: a step of the wall clock (an NTP correction, an operator) then neither
 * declares live workers lost nor forgets proposals in flight.
 *
 * <p>A proposal is remembered as in flight until the state shows its effect or
 * {@code proposalRetryMillis} passes (a proposal dropped by an election or a full queue is made
 * again; a duplicate is harmless, the state machine rejects it). Call {@link #onElected} before the
 * first use in a term, and only once the state has applied an entry of that term: before that the
 * applied state may miss committed Assigns, and a poll could be told to cancel its own work.
 * Single-threaded: the caller serialises every call with its applies.
 */
public final class LeaderDuties {

    private final long leaseMillis;
    private final long proposalRetryMillis;
    private final WorkerLeases leases;
    private final Router router = new Router();
    private final Set<String> draining = new HashSet<>();
    /** Run id to the attempt an Assign was proposed for and when. */
    private final Map<Long, InFlight> assigns = new HashMap<>();
    private final Map<String, Long> lostProposedAt = new HashMap<>();
    private long tickProposedValue = -1;
    private long tickProposedAt = Long.MIN_VALUE;
    /** Runs the Tick in flight places, per worker: they count against its capacity until the Tick applies. */
    private final Map<String, Integer> placedByTick = new HashMap<>();

    private record InFlight(int attempt, String workerId, long proposedAt) {
    }

    /**
     * @param leaseMillis a worker not heard from for this long is declared lost
     * @param proposalRetryMillis how long a proposal is trusted to commit before it is made again
     */
    public LeaderDuties(long leaseMillis, long proposalRetryMillis) {
        if (leaseMillis < 1 || proposalRetryMillis < 1) {
            throw new IllegalArgumentException("lease and proposal retry must be positive, were " + leaseMillis
                    + " and " + proposalRetryMillis);
        }
        this.leaseMillis = leaseMillis;
        this.proposalRetryMillis = proposalRetryMillis;
        this.leases = new WorkerLeases(leaseMillis);
    }

    public long leaseMillis() {
        return leaseMillis;
    }

    /** A fresh start for a new term: every known live worker gets a full lease from now (elapsed clock). */
    public void onElected(long elapsedMillis, SchedulerStateMachine state) {
        leases.clear();
        draining.clear();
        assigns.clear();
        lostProposedAt.clear();
        tickProposedValue = -1;
        tickProposedAt = Long.MIN_VALUE;
        placedByTick.clear();
        for (WorkerView w : state.workers()) {
            if (!w.lost()) {
                leases.renew(w.workerId(), elapsedMillis);
            }
        }
    }

    /** A poll or registration from the worker, heard at {@code elapsedMillis}: its lease runs from then. */
    public void onHeartbeat(String workerId, boolean isDraining, long elapsedMillis) {
        leases.renew(workerId, elapsedMillis);
        if (isDraining) {
            draining.add(workerId);
        } else {
            draining.remove(workerId);
        }
    }

    /**
     * A proposal {@link #commandsDue} returned was refused or lost (the log was busy, leadership
     * moved): it is no longer in flight, so the next call makes it again at once instead of after
     * {@code proposalRetryMillis}. Harmless for a proposal that did commit after all.
     */
    public void onProposalFailed(Command command) {
        if (command instanceof Command.Tick t && t.millis() == tickProposedValue) {
            tickProposedAt = Long.MIN_VALUE;
            tickProposedValue = -1;
            placedByTick.clear();
        } else if (command instanceof Command.Assign a) {
            InFlight f = assigns.get(a.runId());
            if (f != null && f.attempt() == a.attempt()) {
                assigns.remove(a.runId());
            }
        } else if (command instanceof Command.WorkerLost l) {
            lostProposedAt.remove(l.workerId());
        }
    }

    /** Calls between sweeps of the router's positions of deleted jobs. */
    static final int ROUTER_SWEEP_EVERY = 4_096;
    private int callsSinceSweep;

    /** {@link #commandsDue(long, long, SchedulerStateMachine)} for a caller whose wall clock never steps (tests). */
    List<Command> commandsDue(long nowMillis, SchedulerStateMachine state) {
        return commandsDue(nowMillis, nowMillis, state);
    }

    /** What to propose now: WorkerLosts, then a Tick, then Assigns. Each is then in flight. */
    public List<Command> commandsDue(long wallMillis, long elapsedMillis, SchedulerStateMachine state) {
        if (++callsSinceSweep >= ROUTER_SWEEP_EVERY) {
            callsSinceSweep = 0;
            router.forgetJobsOtherThan(jobId -> state.job(jobId).isPresent());
        }
        List<Command> out = new ArrayList<>();
        proposeLost(elapsedMillis, state, out);
        proposeTick(wallMillis, elapsedMillis, state, out);
        proposeAssigns(elapsedMillis, state, out);
        return out;
    }

    private void proposeLost(long elapsedMillis, SchedulerStateMachine state, List<Command> out) {
        for (WorkerView w : state.workers()) {
            if (!w.lost()) {
                leases.grantIfAbsent(w.workerId(), elapsedMillis); // registered through an earlier leader's log
            }
        }
        for (String workerId : leases.expired(elapsedMillis)) {
            Optional<WorkerView> w = state.worker(workerId);
            if (w.isEmpty() || w.get().lost()) {
                leases.forget(workerId);
                lostProposedAt.remove(workerId);
                draining.remove(workerId);
                continue;
            }
            Long at = lostProposedAt.get(workerId);
            if (at == null || elapsedMillis - at >= proposalRetryMillis) {
                lostProposedAt.put(workerId, elapsedMillis);
                out.add(new Command.WorkerLost(workerId));
            }
        }
    }

    private void proposeTick(long wallMillis, long elapsedMillis, SchedulerStateMachine state, List<Command> out) {
        OptionalLong due = state.nextDueMillis();
        if (due.isEmpty() || due.getAsLong() > wallMillis) {
            return;
        }
        long value = Math.max(wallMillis, state.nowMillis());
        // A Tick that moves the clock is in flight until the clock shows it; one that cannot move it
        // (this leader's clock is behind the replicated one) is judged by time alone.
        boolean recent = tickProposedAt != Long.MIN_VALUE && elapsedMillis - tickProposedAt < proposalRetryMillis;
        boolean inFlight = recent && (tickProposedValue > state.nowMillis() || value == state.nowMillis());
        if (!inFlight) {
            tickProposedValue = value;
            tickProposedAt = elapsedMillis;
            out.add(new Command.Tick(value, placements(value, elapsedMillis, state)));
        }
    }

    /** Routes the fires a Tick at {@code value} is expected to make, as {@link #proposeAssigns} would. */
    private List<Command.Placement> placements(long value, long elapsedMillis, SchedulerStateMachine state) {
        placedByTick.clear();
        List<ExpectedFire> fires = state.expectedFires(value);
        if (fires.isEmpty()) {
            return List.of();
        }
        List<WorkerView> workers = state.workers();
        Map<String, Integer> extraHeld = assignsInFlight(elapsedMillis);
        List<Command.Placement> placements = new ArrayList<>(fires.size());
        for (ExpectedFire fire : fires) {
            if (placements.size() == Command.MAX_PLACEMENTS) {
                break; // the rest of a burst waits for Assigns, once this Tick has applied
            }
            JobView job = fire.job();
            Optional<String> worker = router.pick(fire.jobId(), fire.jobId(), fire.shardIndex(), "",
                    job.spec().target().routing(), candidates(job, workers, extraHeld));
            if (worker.isPresent()) {
                extraHeld.merge(worker.get(), 1, Integer::sum);
                placedByTick.merge(worker.get(), 1, Integer::sum);
                placements.add(new Command.Placement(fire.jobId(), fire.scheduledMillis(), fire.shardIndex(),
                        worker.get()));
            }
        }
        return placements;
    }

    /** Attempts proposed to each worker and not yet applied: Assigns, and the placements of a Tick in flight. */
    private Map<String, Integer> assignsInFlight(long elapsedMillis) {
        Map<String, Integer> extraHeld = new HashMap<>();
        for (Map.Entry<Long, InFlight> e : assigns.entrySet()) {
            if (elapsedMillis - e.getValue().proposedAt() < proposalRetryMillis) {
                extraHeld.merge(e.getValue().workerId(), 1, Integer::sum);
            }
        }
        return extraHeld;
    }

    /** The job's eligible workers (live, not draining, serving it), each with its in-flight attempts counted as held. */
    private List<WorkerView> candidates(JobView job, List<WorkerView> workers, Map<String, Integer> extraHeld) {
        List<WorkerView> candidates = new ArrayList<>();
        for (WorkerView w : workers) {
            if (!w.lost() && !draining.contains(w.workerId()) && job.spec().runsOn(w.tags())) {
                int extra = extraHeld.getOrDefault(w.workerId(), 0);
                candidates.add(extra == 0 ? w
                        : new WorkerView(w.workerId(), w.tags(), w.capacity(), w.lost(), w.held() + extra));
            }
        }
        return candidates;
    }

    private boolean tickInFlight(SchedulerStateMachine state) {
        return tickProposedValue > state.nowMillis();
    }

    private void proposeAssigns(long elapsedMillis, SchedulerStateMachine state, List<Command> out) {
        List<RunView> due = state.dueRuns();
        if (due.isEmpty()) {
            assigns.clear();
            return;
        }
        List<WorkerView> workers = state.workers();
        Set<Long> stillDue = new HashSet<>();
        for (RunView r : due) {
            stillDue.add(r.runId());
        }
        assigns.entrySet().removeIf(e -> !stillDue.contains(e.getKey()));
        // Assigns in flight, and the placements of a Tick in flight, count against their workers'
        // capacity until they apply.
        Map<String, Integer> extraHeld = assignsInFlight(elapsedMillis);
        if (tickInFlight(state)) {
            placedByTick.forEach((worker, n) -> extraHeld.merge(worker, n, Integer::sum));
        }
        Map<String, JobView> jobs = new HashMap<>();
        for (RunView run : due) {
            InFlight f = assigns.get(run.runId());
            if (f != null && f.attempt() == run.attempt() && elapsedMillis - f.proposedAt() < proposalRetryMillis) {
                continue;
            }
            JobView job = jobs.computeIfAbsent(run.jobId(), id -> state.job(id).orElse(null));
            if (job == null) {
                continue;
            }
            Optional<String> worker = router.pick(run, job.spec().target().routing(),
                    candidates(job, workers, extraHeld));
            if (worker.isPresent()) {
                assigns.put(run.runId(), new InFlight(run.attempt(), worker.get(), elapsedMillis));
                extraHeld.merge(worker.get(), 1, Integer::sum);
                out.add(new Command.Assign(run.runId(), worker.get(), run.attempt()));
            }
        }
    }

    /**
     * The answer to a poll, from the applied state: the worker's committed attempts it did not
     * list are dispatched (again, until it lists them); attempts it listed that are not its current
     * ones are cancelled.
     */
    public PollAnswer answerPoll(String workerId, List<HeldAttempt> held, SchedulerStateMachine state) {
        Optional<WorkerView> worker = state.worker(workerId);
        if (worker.isEmpty() || worker.get().lost()) {
            return new PollAnswer(false, List.of(), List.copyOf(held));
        }
        List<RunView> mine = state.heldBy(workerId);
        Set<HeldAttempt> current = new HashSet<>();
        List<RunView> dispatches = new ArrayList<>();
        Set<HeldAttempt> listed = new HashSet<>(held);
        for (RunView r : mine) {
            HeldAttempt a = new HeldAttempt(r.runId(), r.attempt());
            current.add(a);
            if (!listed.contains(a)) {
                dispatches.add(r);
            }
        }
        List<HeldAttempt> cancels = new ArrayList<>();
        for (HeldAttempt a : held) {
            if (!current.contains(a)) {
                cancels.add(a);
            }
        }
        return new PollAnswer(true, dispatches, cancels);
    }

    /**
     * How long until {@link #commandsDue} may next have something without any new apply or
     * heartbeat (0: now): the state's next due time on the wall clock, the earliest lease end or
     * a retry of a proposal in flight on the elapsed clock; empty when nothing waits on time.
     */
    public OptionalLong nextWakeDelayMillis(long wallMillis, long elapsedMillis, SchedulerStateMachine state) {
        long delay = Long.MAX_VALUE;
        OptionalLong due = state.nextDueMillis();
        if (due.isPresent()) {
            // While a Tick is in flight its apply wakes the caller; past the retry time it is made again.
            delay = tickInFlight(state) ? tickProposedAt + proposalRetryMillis - elapsedMillis
                    : due.getAsLong() - wallMillis;
        }
        OptionalLong lease = leases.earliestEnd();
        if (lease.isPresent()) {
            delay = Math.min(delay, lease.getAsLong() - elapsedMillis);
        }
        for (InFlight f : assigns.values()) {
            delay = Math.min(delay, f.proposedAt() + proposalRetryMillis - elapsedMillis);
        }
        for (long at : lostProposedAt.values()) {
            delay = Math.min(delay, at + proposalRetryMillis - elapsedMillis);
        }
        return delay == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(Math.max(0, delay));
    }
}
