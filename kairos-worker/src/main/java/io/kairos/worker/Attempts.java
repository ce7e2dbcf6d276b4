package io.kairos.worker;

import io.kairos.api.worker.AttemptRef;
import io.kairos.api.worker.Dispatch;
import io.kairos.api.worker.Report;
import io.kairos.api.worker.ReportResponse.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The attempts this worker holds: running, or finished with the FINISHED report not yet
 * acknowledged. It is the worker's side of the reconciliation with the leader: {@link #held()} goes
 * in every poll, a dispatch already held is ignored (dispatches are re-sent until held), a cancel or
 * a fenced-off STARTED forgets the attempt and its reports.
 */
final class Attempts {

    private static final Logger log = LoggerFactory.getLogger(Attempts.class);

    private final String workerId;
    private final int capacity;
    private final TaskLauncher launcher;
    private final ReportQueue reports;
    private final ExecutorService pool;
    private final ScheduledExecutorService timer;

    /** In dispatch order. Guarded by this. */
    private final Map<AttemptRef, AttemptRun> held = new LinkedHashMap<>();
    /** Every run started and not yet ended, forgotten or not: drain waits for their processes. Guarded by this. */
    private final List<AttemptRun> live = new ArrayList<>();
    private boolean draining; // guarded by this
    /**
     * Held attempts whose execution has not finished: what counts against the capacity. Kept as a
     * count (not a scan of {@link #held}), since every dispatch asks. Guarded by this.
     */
    private int running;
    /** The attempts counted in {@link #running}. Guarded by this. */
    private final Set<AttemptRun> counted = new HashSet<>();
    /**
     * Attempts this worker finished (acknowledged) or cancelled, most recent last: an attempt runs at
     * most once here, whatever arrives later (a re-send answered from an older state, a scripted or
     * buggy master). Attempt numbers are never reused, so the memory only has to outlast re-sends.
     * Guarded by this.
     */
    private final Map<AttemptRef, Boolean> settled = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<AttemptRef, Boolean> eldest) {
            return size() > SETTLED_MEMORY;
        }
    };
    static final int SETTLED_MEMORY = 10_000;
    /** Dispatches refused for want of capacity, so each is warned about once. Guarded by this. */
    private final Set<AttemptRef> overCapacity = new HashSet<>();

    Attempts(WorkerConfig config, TaskLauncher launcher, ReportQueue reports, ExecutorService pool,
            ScheduledExecutorService timer) {
        this.workerId = config.workerId();
        this.capacity = config.capacity();
        this.launcher = launcher;
        this.reports = reports;
        this.pool = pool;
        this.timer = timer;
    }

    synchronized List<AttemptRef> held() {
        return List.copyOf(held.keySet());
    }

    synchronized boolean draining() {
        return draining;
    }

    synchronized int running() {
        return running;
    }

    private void uncount(AttemptRun run) {
        if (counted.remove(run)) {
            running--;
        }
    }

    /**
     * Starts {@code dispatch} unless it is held already (a re-send), the worker is draining, or it
     * runs {@code capacity} attempts: a dispatch not taken is re-sent by the leader on later polls.
     * Returns whether it started.
     */
    synchronized boolean maybeStart(Dispatch dispatch) {
        AttemptRef ref = new AttemptRef(dispatch.runId(), dispatch.attempt());
        if (held.containsKey(ref)) {
            return false;
        }
        if (settled.containsKey(ref)) {
            log.debug("attempt {} of run {} already ran here: a late re-send, ignored", ref.attempt(), ref.runId());
            return false;
        }
        if (draining) {
            log.debug("draining: not taking attempt {} of run {}", ref.attempt(), ref.runId());
            return false;
        }
        if (running() >= capacity) {
            // The leader knows the capacity, so this should not happen: say so, once per attempt.
            if (overCapacity.size() > 1_000) {
                overCapacity.clear();
            }
            if (overCapacity.add(ref)) {
                log.warn("{} runs {} attempts already (its capacity); attempt {} of run {} waits for a later poll",
                        workerId, capacity, ref.attempt(), ref.runId());
            }
            return false;
        }
        overCapacity.remove(ref);
        AttemptRun run = new AttemptRun(dispatch, launcher.prepare(dispatch));
        held.put(ref, run);
        live.add(run);
        counted.add(run);
        running++;
        log.info("starting attempt {} of run {} (job {})", ref.attempt(), ref.runId(), dispatch.jobId());
        // Queued before the execution starts, so STARTED always goes out before FINISHED.
        reports.add(new Report(ref.runId(), ref.attempt(), Report.Kind.STARTED, null, 0, ""));
        run.start(pool, timer, finished -> onFinished(run, finished));
        run.ended().whenComplete((ignored, error) -> forgetEnded(run));
        return true;
    }

    /** Stops and forgets an attempt: no more reports for it. False if it was not held. */
    synchronized boolean cancel(AttemptRef ref, String why) {
        AttemptRun run = held.remove(ref);
        if (run == null) {
            return false;
        }
        uncount(run);
        settled.put(ref, Boolean.TRUE);
        log.info("cancelling attempt {} of run {}: {}", ref.attempt(), ref.runId(), why);
        reports.dropAll(ref);
        run.stop();
        notifyAll();
        return true;
    }

    synchronized void cancelAll(String why) {
        for (AttemptRef ref : List.copyOf(held.keySet())) {
            cancel(ref, why);
        }
    }

    /**
     * Applies the leader's verdict on a report: a FINISHED with any verdict is settled, the attempt
     * forgotten; a STARTED that is STALE (fenced off) or NOT_FOUND (the run is gone) must not run on.
     */
    synchronized void onVerdict(Report report, Verdict verdict) {
        AttemptRef ref = new AttemptRef(report.runId(), report.attempt());
        if (report.kind() == Report.Kind.FINISHED) {
            settled.put(ref, Boolean.TRUE);
            if (held.remove(ref) != null) {
                log.info("attempt {} of run {} finished {}: {}", ref.attempt(), ref.runId(), report.outcome(), verdict);
            }
            notifyAll();
        } else if (verdict != Verdict.APPLIED) {
            cancel(ref, "its STARTED report was " + verdict);
        }
    }

    synchronized void startDraining() {
        draining = true;
    }

    /** Waits until nothing is held; returns whether that happened within {@code timeout}. */
    synchronized boolean awaitNoneHeld(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!held.isEmpty()) {
            long leftNanos = deadline - System.nanoTime();
            if (leftNanos <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, leftNanos);
        }
        return true;
    }

    /** Waits for every attempt's thread (and so its processes) to end; returns whether they did in time. */
    boolean awaitAllEnded(Duration timeout) throws InterruptedException {
        List<CompletableFuture<Void>> ends;
        synchronized (this) {
            ends = live.stream().map(AttemptRun::ended).toList();
        }
        try {
            CompletableFuture.allOf(ends.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new AssertionError("an attempt's end never completes exceptionally", e);
        }
    }

    private synchronized void onFinished(AttemptRun run, Report finished) {
        uncount(run);
        if (held.get(run.ref()) != run) {
            return; // Cancelled meanwhile: the leader wants nothing more about it.
        }
        reports.add(finished);
    }

    private synchronized void forgetEnded(AttemptRun run) {
        live.remove(run);
    }
}
