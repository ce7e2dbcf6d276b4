package io.kairos.worker;

import io.kairos.worker.sdk.JobContext;
import io.kairos.worker.sdk.JobHandler;

/**
 * The built-in handler {@code noop}: succeeds at once. Benchmarks use it to measure the scheduler,
 * not the job. Public only because {@link java.util.ServiceLoader} needs it so.
 */
public final class NoopHandler implements JobHandler {

    @Override
    public String name() {
        return "noop";
    }

    @Override
    public void run(JobContext context) {
        // Nothing to do, by design.
    }
}
