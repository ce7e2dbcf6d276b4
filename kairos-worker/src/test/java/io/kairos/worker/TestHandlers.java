package io.kairos.worker;

import io.kairos.worker.sdk.JobContext;
import io.kairos.worker.sdk.JobHandler;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * Java handlers the tests find through {@code ServiceLoader} (listed in
 * {@code src/test/resources/META-INF/services}), and what they saw. Static because ServiceLoader
 * creates the instances.
 */
public final class TestHandlers {

    /** "runId/attempt" of every run of {@code record}, {@code block} and {@code gate}, in order. */
    static final List<String> runs = new CopyOnWriteArrayList<>();
    /** "runId/attempt cancelled=.." for each {@code block} run that saw its interrupt. */
    static final List<String> interrupted = new CopyOnWriteArrayList<>();
    /** {@code gate} runs wait for this; tests replace it. */
    static volatile CountDownLatch gate = new CountDownLatch(1);

    private TestHandlers() {
    }

    static void reset() {
        runs.clear();
        interrupted.clear();
        gate = new CountDownLatch(1);
    }

    private static String key(JobContext context) {
        return context.runId() + "/" + context.attempt();
    }

    /** {@code record}: notes the run, logs its identity, succeeds. */
    public static final class Record implements JobHandler {
        @Override
        public String name() {
            return "record";
        }

        @Override
        public void run(JobContext context) {
            runs.add(key(context));
            context.log("job " + context.jobId() + " shard " + context.shardIndex() + "/" + context.shardTotal()
                    + " params " + context.params());
        }
    }

    /** {@code fail}: throws. */
    public static final class Fail implements JobHandler {
        @Override
        public String name() {
            return "fail";
        }

        @Override
        public void run(JobContext context) {
            context.log("about to fail");
            throw new IllegalStateException("the database is on fire");
        }
    }

    /** {@code block}: waits until interrupted, then notes it. */
    public static final class Block implements JobHandler {
        @Override
        public String name() {
            return "block";
        }

        @Override
        public void run(JobContext context) {
            runs.add(key(context));
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.add(key(context) + " cancelled=" + context.isCancelled());
            }
        }
    }

    /** {@code gate}: waits for {@link #gate}, then succeeds. */
    public static final class Gate implements JobHandler {
        @Override
        public String name() {
            return "gate";
        }

        @Override
        public void run(JobContext context) throws InterruptedException {
            runs.add(key(context));
            gate.await();
        }
    }
}
