package io.kairos.worker;

import io.kairos.api.worker.Dispatch;
import io.kairos.api.worker.TaskSpec;
import io.kairos.worker.sdk.JobHandler;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a dispatch into the {@link Execution} for its task type, or into a precise refusal when this
 * worker does not run that type (shell disabled, no such Java handler, a type it does not know).
 */
final class TaskLauncher {

    private final String workerId;
    private final boolean shellEnabled;
    private final Path logDir;
    private final Duration killGrace;
    private final HttpClient http;
    /** By name, sorted so a refusal lists them in a stable order. */
    private final Map<String, JobHandler> handlers;

    TaskLauncher(WorkerConfig config, Map<String, JobHandler> handlers) {
        this.workerId = config.workerId();
        this.shellEnabled = config.shellEnabled();
        this.logDir = config.dataDir().resolve("logs");
        this.killGrace = config.killGrace();
        this.handlers = new TreeMap<>(handlers);
        // Jobs' own calls: redirects are followed like any HTTP client would, unlike the protocol's.
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    Execution prepare(Dispatch dispatch) {
        TaskSpec task = dispatch.task();
        if (task == null) {
            return Execution.refused("the task's type is unknown to worker " + workerId
                    + " (it runs shell, http and java tasks)");
        }
        if (task instanceof TaskSpec.Shell) {
            if (!shellEnabled) {
                return Execution.refused("shell jobs are disabled on worker " + workerId
                        + "; start it with --enable-shell");
            }
            return new ShellExecution(dispatch, (TaskSpec.Shell) task, logFile(dispatch), killGrace);
        }
        if (task instanceof TaskSpec.Http) {
            return new HttpExecution(dispatch, (TaskSpec.Http) task, http);
        }
        if (task instanceof TaskSpec.Java) {
            String name = ((TaskSpec.Java) task).handler();
            JobHandler handler = handlers.get(name);
            if (handler == null) {
                return Execution.refused("no Java handler named '" + name + "' on worker " + workerId
                        + "; it has: " + String.join(", ", handlers.keySet()));
            }
            return new JavaExecution(dispatch, handler, logFile(dispatch));
        }
        throw new AssertionError("unhandled task type " + task.getClass());
    }

    /** The attempt's full output, kept on the worker: {@code <data-dir>/logs/<runId>-<attempt>.log}. */
    Path logFile(Dispatch dispatch) {
        return logDir.resolve(dispatch.runId() + "-" + dispatch.attempt() + ".log");
    }
}
