package io.kairos.bench.kairos;

import io.kairos.worker.sdk.JobContext;
import io.kairos.worker.sdk.JobHandler;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The scheduler benchmark's Java handlers, found by the workers through {@code ServiceLoader}.
 * Each records when it started, on the worker's wall clock, against the run's scheduled time.
 */
public final class BenchHandlers {

    /** One start of a handler: which run, which attempt, scheduled when, started when. */
    public record Start(String handler, long runId, int attempt, long scheduledMillis, long startedMillis) {
    }

    /** Every start in this JVM, in arrival order (the benchmark drains it). */
    public static final ConcurrentLinkedQueue<Start> STARTS = new ConcurrentLinkedQueue<>();

    private BenchHandlers() {
    }

    private static void record(String handler, JobContext ctx) {
        STARTS.add(new Start(handler, ctx.runId(), ctx.attempt(), ctx.scheduledMillis(), System.currentTimeMillis()));
    }

    /** Records its start and succeeds at once: what a trigger's lateness is measured with. */
    public static final class Record implements JobHandler {
        @Override
        public String name() {
            return "bench-record";
        }

        @Override
        public void run(JobContext ctx) {
            record(name(), ctx);
        }
    }

    /** Records its start and runs until cancelled (at most ten minutes): work a dying worker holds. */
    public static final class Hold implements JobHandler {
        @Override
        public String name() {
            return "bench-hold";
        }

        @Override
        public void run(JobContext ctx) throws InterruptedException {
            record(name(), ctx);
            long end = System.currentTimeMillis() + 600_000;
            while (!ctx.isCancelled() && System.currentTimeMillis() < end) {
                Thread.sleep(50); // a stand-in for work; cancellation interrupts it
            }
        }
    }
}
