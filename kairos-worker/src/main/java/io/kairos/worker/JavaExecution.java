package io.kairos.worker;

import io.kairos.api.worker.Dispatch;
import io.kairos.worker.sdk.JobContext;
import io.kairos.worker.sdk.JobHandler;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Java task: the named {@link JobHandler} on the attempt's thread. Stopping sets
 * {@link JobContext#isCancelled()} and interrupts that thread; a handler that ignores both keeps its
 * thread until it returns (Java cannot kill a thread), though the worker has already forgotten it.
 */
final class JavaExecution implements Execution, JobContext {

    private static final Logger log = LoggerFactory.getLogger(JavaExecution.class);

    private final Dispatch dispatch;
    private final JobHandler handler;
    private final Path logFile;
    private final OutputTail tail = new OutputTail();
    private final Map<String, String> params;

    private volatile boolean cancelled;
    /** The thread running the handler while it runs, else null. Guarded by this. */
    private Thread runner;
    /** Null when the log file could not be opened: lines then go to the tail only. Guarded by this. */
    private BufferedWriter logWriter;

    JavaExecution(Dispatch dispatch, JobHandler handler, Path logFile) {
        this.dispatch = dispatch;
        this.handler = handler;
        this.logFile = logFile;
        this.params = dispatch.params() == null ? Map.of() : Map.copyOf(dispatch.params());
    }

    @Override
    public AttemptResult run() {
        synchronized (this) {
            if (cancelled) {
                return AttemptResult.failedByWorker("stopped before it started");
            }
            runner = Thread.currentThread();
            openLog();
        }
        try {
            handler.run(this);
            return AttemptResult.ofExitCode(0, tail.toString());
        } catch (Exception e) {
            writeToLog(stackTrace(e));
            tail.append(summary(e));
            return AttemptResult.ofExitCode(1, tail.toString());
        } finally {
            synchronized (this) {
                runner = null;
                closeLog();
            }
            // A pooled thread must not carry our interrupt into the next attempt.
            Thread.interrupted();
        }
    }

    @Override
    public synchronized void stop() {
        cancelled = true;
        if (runner != null) {
            runner.interrupt();
        }
    }

    @Override
    public String jobId() {
        return dispatch.jobId();
    }

    @Override
    public long runId() {
        return dispatch.runId();
    }

    @Override
    public long scheduledMillis() {
        return dispatch.scheduledMillis();
    }

    @Override
    public int attempt() {
        return dispatch.attempt();
    }

    @Override
    public int shardIndex() {
        return dispatch.shardIndex();
    }

    @Override
    public int shardTotal() {
        return dispatch.shardTotal();
    }

    @Override
    public Map<String, String> params() {
        return params;
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    @Override
    public void log(String line) {
        tail.appendLine(line);
        writeToLog(line);
    }

    private void writeToLog(String line) {
        synchronized (this) {
            if (logWriter == null) {
                return;
            }
            try {
                logWriter.write(line);
                logWriter.newLine();
                logWriter.flush();
            } catch (IOException e) {
                log.warn("cannot write {}: {}; its lines go to the report only", logFile, e.toString());
                closeLog();
            }
        }
    }

    private void openLog() {
        try {
            Files.createDirectories(logFile.getParent());
            logWriter = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            log.warn("cannot open {}: {}; the handler's lines go to the report only", logFile, e.toString());
        }
    }

    private void closeLog() {
        if (logWriter == null) {
            return;
        }
        try {
            logWriter.close();
        } catch (IOException e) {
            log.warn("cannot close {}: {}", logFile, e.toString());
        }
        logWriter = null;
    }

    /**
     * The exception, its first frames and its causes: what fits a report. A whole stack trace
     * would push the handler's own lines and the message out of the 4096 characters.
     */
    static String summary(Throwable e) {
        StringBuilder text = new StringBuilder(e.toString()).append('\n');
        StackTraceElement[] frames = e.getStackTrace();
        for (int i = 0; i < Math.min(5, frames.length); i++) {
            text.append("\tat ").append(frames[i]).append('\n');
        }
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            text.append("Caused by: ").append(cause).append('\n');
        }
        return text.toString();
    }

    private static String stackTrace(Exception e) {
        StringWriter text = new StringWriter();
        e.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
