package io.kairos.sim.sched;

import io.kairos.scheduler.RunView;
import io.kairos.scheduler.SchedulerStateMachine;
import io.kairos.scheduler.WorkerView;
import io.kairos.scheduler.command.Command;
import io.kairos.scheduler.command.Result;
import io.kairos.scheduler.leader.HeldAttempt;
import io.kairos.sim.check.InvariantViolation;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The invariants checked at every apply on every master:
 *
 * <ul>
 *   <li><b>no assign to a lost worker</b>: an Assign applied (result Applied) names a worker the
 *       state had not declared lost (or forgotten) just before, and a Tick's placements give no
 *       attempt to a worker that was lost or unknown just before it;
 *   <li><b>stale reports change nothing</b>: a Started or Finished answered StaleAttempt leaves its
 *       run's view exactly as it was;
 *   <li><b>replicas agree</b>: every master's state digest at an index (every
 *       {@code digestEvery}-th, and wherever a snapshot was restored) is the first one seen there;
 *   <li><b>one worker per attempt</b>: an attempt dispatched to a worker is never dispatched to another;
 *   <li><b>no false cancel</b>: a poll answer never cancels a worker's current committed attempt;
 *   <li><b>fired runs are unique</b>: a Tick, a ResumeJob or a Finished never makes a second
 *       scheduled run of a job for a (scheduled time, shard, pinned worker), tracked by run id.
 * </ul>
 */
final class SchedulerChecks {

    /** What an apply is judged against: the state just before it. */
    record Before(Optional<RunView> run, boolean workerUnavailable, Map<String, Integer> unavailableHeld) {
        static final Before NONE = new Before(Optional.empty(), false, Map.of());

        Before(Optional<RunView> run, boolean workerUnavailable) {
            this(run, workerUnavailable, Map.of());
        }
    }

    private final int digestEvery;
    private final SchedulerRecorder recorder;
    private final Map<Long, byte[]> digests = new HashMap<>();
    private final Map<Long, String> digestSource = new HashMap<>();
    /** Run id to its key, for scheduled runs, first seen at any master. */
    private final Map<Long, String> runKeys = new HashMap<>();
    private final Map<String, Long> runOfKey = new HashMap<>();
    private long elections;
    /** "runId/attempt" to the worker it was first dispatched to. */
    private final Map<String, String> dispatchedTo = new HashMap<>();

    SchedulerChecks(int digestEvery, SchedulerRecorder recorder) {
        this.digestEvery = digestEvery;
        this.recorder = recorder;
    }

    Before before(Command c, SchedulerStateMachine state) {
        if (c instanceof Command.Assign a) {
            Optional<WorkerView> w = state.worker(a.workerId());
            return new Before(state.run(a.runId()), w.isEmpty() || w.get().lost());
        } else if (c instanceof Command.Tick t && !t.placements().isEmpty()) {
            // What each placed worker that is lost or unknown holds now: the Tick must not add to it.
            Map<String, Integer> unavailableHeld = new HashMap<>();
            for (Command.Placement p : t.placements()) {
                Optional<WorkerView> w = state.worker(p.workerId());
                if (w.isEmpty() || w.get().lost()) {
                    unavailableHeld.put(p.workerId(), state.heldBy(p.workerId()).size());
                }
            }
            return new Before(Optional.empty(), false, unavailableHeld);
        } else if (c instanceof Command.Started s) {
            return new Before(state.run(s.runId()), false);
        } else if (c instanceof Command.Finished f) {
            return new Before(state.run(f.runId()), false);
        }
        return Before.NONE;
    }

    /** Judges the apply of {@code c} at {@code index} on master {@code node}, whose state is now {@code state}. */
    void applied(String node, SchedulerStateMachine state, long index, Command c, Before before, Result result) {
        if (c instanceof Command.Assign a && result instanceof Result.Applied && before.workerUnavailable()) {
            throw new InvariantViolation("no assign to a lost worker", node + " applied " + a + " at index "
                    + index + " although the worker was lost or unknown there");
        }
        for (Map.Entry<String, Integer> e : before.unavailableHeld().entrySet()) {
            int held = state.heldBy(e.getKey()).size();
            if (held > e.getValue()) {
                throw new InvariantViolation("no assign to a lost worker", node + " applied " + c + " at index "
                        + index + " and placed a run on " + e.getKey() + ", lost or unknown there (it held "
                        + e.getValue() + " attempts before, " + held + " after)");
            }
        }
        if (result instanceof Result.StaleAttempt && (c instanceof Command.Started || c instanceof Command.Finished)) {
            recorder.count("stale reports fenced");
            long runId = c instanceof Command.Started s ? s.runId() : ((Command.Finished) c).runId();
            Optional<RunView> after = state.run(runId);
            if (!after.equals(before.run())) {
                throw new InvariantViolation("stale reports change nothing", node + " applied " + c
                        + " at index " + index + " as stale but the run changed from " + before.run() + " to " + after);
            }
        }
        if (result instanceof Result.Applied) {
            recorder.count("applied " + c.getClass().getSimpleName());
            if (c instanceof Command.Tick && ((Result.Applied) result).value() > 0) {
                recorder.add("runs placed by ticks", ((Result.Applied) result).value());
            }
        }
        if (c instanceof Command.Tick || c instanceof Command.ResumeJob || c instanceof Command.Finished
                || c instanceof Command.CreateJob || c instanceof Command.WorkerLost || c instanceof Command.Started
                || c instanceof Command.DeregisterWorker) {
            checkNewRuns(node, index, state);
        }
        if (index % digestEvery == 0) {
            record(node, state, index);
        }
    }

    /** Master {@code node} restored a snapshot at {@code index} into {@code state}. */
    void restored(String node, SchedulerStateMachine state, long index) {
        if (index > 0) {
            record(node, state, index);
        }
    }

    /**
     * A worker was told to run an attempt. Dispatch follows the commit of the attempt's Assign, and
     * a new worker needs a new attempt, so one attempt is only ever dispatched to one worker.
     */
    void onDispatched(String worker, long runId, int attempt) {
        String first = dispatchedTo.putIfAbsent(runId + "/" + attempt, worker);
        if (first != null && !first.equals(worker)) {
            throw new InvariantViolation("one worker per attempt", "attempt " + attempt + " of run " + runId
                    + " was dispatched to " + first + " and then to " + worker);
        }
    }

    /**
     * A leader answered a poll. No cancel may name the worker's current attempt in the most
     * advanced applied state of any master (everything applied is committed): a leader that tells
     * a worker to drop committed work answers from a state missing that work's Assign, which is
     * what {@code LeaderDuties.onElected}'s contract (only after applying an entry of its own term)
     * prevents.
     */
    void onPollAnswered(String leader, String worker, List<HeldAttempt> cancels, String aheadName,
            SchedulerStateMachine ahead) {
        for (HeldAttempt a : cancels) {
            Optional<RunView> run = ahead.run(a.runId());
            if (run.isPresent() && run.get().attempt() == a.attempt() && run.get().state().isHeld()
                    && run.get().workerId().equals(worker)) {
                throw new InvariantViolation("no false cancel", leader + " told " + worker + " to cancel " + a
                        + " which is its current attempt on " + aheadName + ", the master that applied most: "
                        + run.get());
            }
        }
    }

    void onDutiesBegin(MasterNode node) {
        elections++;
        recorder.log(node.name() + " takes up the leader's duties in term " + node.term());
    }

    long elections() {
        return elections;
    }

    private void record(String node, SchedulerStateMachine state, long index) {
        byte[] digest = state.digest();
        byte[] first = digests.putIfAbsent(index, digest);
        if (first == null) {
            digestSource.put(index, node);
            recorder.mix(index);
            recorder.mix(Arrays.hashCode(digest));
        } else if (!Arrays.equals(first, digest)) {
            throw new InvariantViolation("replicas agree", node + " has state digest "
                    + HexFormat.of().formatHex(digest, 0, 8) + " at index " + index + " but "
                    + digestSource.get(index) + " had " + HexFormat.of().formatHex(first, 0, 8));
        }
    }

    /**
     * Runs created since the last look (by run id, above the highest seen) must have unique keys.
     * Cheap: only runs of the newest ids are looked at.
     */
    private void checkNewRuns(String node, long index, SchedulerStateMachine state) {
        for (RunView r : state.liveRuns()) {
            if (r.onDemand() || runKeys.containsKey(r.runId())) {
                continue;
            }
            String key = keyOf(r);
            runKeys.put(r.runId(), key);
            recorder.log(node + " at index " + index + " has new run " + r.runId() + " " + key + " due " + r.dueMillis()
                    + " " + r.state());
            Long other = runOfKey.putIfAbsent(key, r.runId());
            if (other != null && other != r.runId()) {
                throw new InvariantViolation("fired once", node + " at index " + index + " holds run "
                        + r.runId() + " and run " + other + " for the same " + key);
            }
        }
    }

    static String keyOf(RunView r) {
        return r.jobId() + "@" + r.scheduledMillis() + "#" + r.shardIndex() + "/" + r.pinnedWorker();
    }

    /** Every master's final state: no two scheduled runs of a job share a key. */
    static void checkUniqueRuns(String node, SchedulerStateMachine state) {
        Set<String> keys = new HashSet<>();
        for (var job : state.jobs()) {
            for (RunView r : state.runs(job.jobId())) {
                if (!r.onDemand() && !keys.add(keyOf(r))) {
                    throw new InvariantViolation("fired once", node + " holds two runs for " + keyOf(r));
                }
            }
        }
    }
}
