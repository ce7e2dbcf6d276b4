package io.kairos.worker.sdk;

/**
 * A job written in Java, run by the worker when a job's task is {@code {"type":"java","handler":name()}}.
 *
 * <p>Handlers are found with {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/io.kairos.worker.sdk.JobHandler} of a jar on the worker's classpath. The
 * class needs a public no-argument constructor. One instance serves every attempt, possibly several
 * at once, so keep it stateless or thread-safe.
 *
 * <p>An attempt may run more than once (a worker lost mid-run gets its attempts re-dispatched as new
 * attempts), so make {@link #run} idempotent on {@code (jobId, scheduledMillis)} or check
 * {@link JobContext#attempt()}.
 */
public interface JobHandler {

    /** The name jobs use to pick this handler; unique on a worker. */
    String name();

    /**
     * Runs one attempt. Returning means success; throwing means failure (its message goes to the
     * report's output tail). On cancel or timeout the running thread is interrupted and
     * {@link JobContext#isCancelled()} turns true: stop promptly.
     */
    void run(JobContext context) throws Exception;
}
