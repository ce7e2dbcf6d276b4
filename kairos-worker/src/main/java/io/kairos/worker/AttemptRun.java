package io.kairos.worker;

import io.kairos.api.worker.AttemptRef;
import io.kairos.api.worker.Dispatch;
import io.kairos.api.worker.Report;
import io.kairos.api.worker.Report.Outcome;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt held by this worker: its execution on a thread of its own, its timeout (counted from
 * the local start), and whether it finished. {@link #ended()} completes when its thread is done,
 * processes killed included, whether or not the worker still cares about the result.
 */
final class AttemptRun {

    private static final Logger log = LoggerFactory.getLogger(AttemptRun.class);

    private final Dispatch dispatch;
    private final Execution execution;
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private volatile boolean timedOut;
    /** Set once the execution returned; the attempt stays held until its FINISHED report has a verdict. */
    private volatile boolean finished;

    AttemptRun(Dispatch dispatch, Execution execution) {
        this.dispatch = dispatch;
        this.execution = execution;
    }

    AttemptRef ref() {
        return new AttemptRef(dispatch.runId(), dispatch.attempt());
    }

    Dispatch dispatch() {
        return dispatch;
    }

    boolean finished() {
        return finished;
    }

    CompletableFuture<Void> ended() {
        return ended;
    }

    /** Runs the execution on {@code pool}; {@code onResult} gets its FINISHED report. */
    void start(ExecutorService pool, ScheduledExecutorService timer, Consumer<Report> onResult) {
        ScheduledFuture<?> timeout = dispatch.timeoutMillis() > 0
                ? timer.schedule(this::timeOut, dispatch.timeoutMillis(), TimeUnit.MILLISECONDS)
                : null;
        pool.execute(() -> {
            try {
                AttemptResult result = resultOf(execution.run());
                finished = true;
                onResult.accept(new Report(dispatch.runId(), dispatch.attempt(), Report.Kind.FINISHED,
                        result.outcome(), result.exitCode(), result.outputTail()));
            } catch (InterruptedException e) {
                log.info("attempt {} of run {} interrupted: the worker is stopping", dispatch.attempt(), dispatch.runId());
                Thread.currentThread().interrupt();
            } catch (RuntimeException | Error e) {
                // A bug in the worker, not in the job: still say FINISHED, so the run does not hang.
                log.error("attempt {} of run {} failed inside the worker", dispatch.attempt(), dispatch.runId(), e);
                finished = true;
                onResult.accept(new Report(dispatch.runId(), dispatch.attempt(), Report.Kind.FINISHED,
                        Outcome.FAILED, AttemptResult.WORKER_FAILURE, "worker error: " + e));
            } finally {
                if (timeout != null) {
                    timeout.cancel(false);
                }
                ended.complete(null);
            }
        });
    }

    /** Stops the execution (cancel); returns at once. */
    void stop() {
        execution.stop();
    }

    private void timeOut() {
        log.info("attempt {} of run {} timed out after {} ms; stopping it", dispatch.attempt(), dispatch.runId(),
                dispatch.timeoutMillis());
        timedOut = true;
        execution.stop();
    }

    private AttemptResult resultOf(AttemptResult result) {
        if (!timedOut) {
            return result;
        }
        return new AttemptResult(Outcome.FAILED, AttemptResult.WORKER_FAILURE, OutputTail.withNote(result.outputTail(),
                "[kairos] timed out after " + dispatch.timeoutMillis() + " ms; the attempt was stopped"));
    }
}
