package io.kairos.worker;

import io.kairos.api.worker.Dispatch;
import io.kairos.api.worker.TaskSpec;
import java.util.List;
import java.util.Map;

/** Dispatches for tests. */
final class TestDispatches {

    static final long SCHEDULED_MILLIS = 1_790_000_000_000L;

    private TestDispatches() {
    }

    static Dispatch of(long runId, int attempt, long timeoutMillis, TaskSpec task) {
        return new Dispatch(runId, attempt, "job-" + runId, SCHEDULED_MILLIS, 0, 1, Map.of(), timeoutMillis, task);
    }

    static Dispatch java(long runId, int attempt, String handler) {
        return of(runId, attempt, 0, new TaskSpec.Java(handler));
    }

    static Dispatch bash(long runId, int attempt, long timeoutMillis, String script) {
        return of(runId, attempt, timeoutMillis, new TaskSpec.Shell(List.of("bash", "-c", script), "", Map.of()));
    }
}
