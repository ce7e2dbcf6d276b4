package io.kairos.worker;

import io.kairos.api.worker.DeregisterResponse;
import io.kairos.worker.sdk.JobHandler;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kairos worker: dials out to the masters (it opens no port), registers, long-polls for work,
 * runs it and reports it. Embed one with
 * <pre>{@code
 * WorkerAgent worker = new WorkerAgent(WorkerConfig.builder("w1", List.of(URI.create("http://127.0.0.1:7070")))
 *         .capacity(4).build());
 * worker.start();
 * ...
 * worker.close(); // drains: finishes and reports running attempts, then deregisters
 * }</pre>
 * Threads: one polling (the heartbeat), one reporting, one per running attempt, one timer.
 */
public final class WorkerAgent implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WorkerAgent.class);

    /** Beyond the kill grace: how long the last kill rounds may take during a drain. */
    private static final Duration KILL_SLACK = Duration.ofSeconds(6);
    private static final Duration DEREGISTER_TIMEOUT = Duration.ofSeconds(10);

    private final WorkerConfig config;
    private final Map<String, JobHandler> handlers;
    private final MasterClient masters;
    private final TermFence fence = new TermFence();
    private final ReportQueue reports = new ReportQueue();
    private final ExecutorService pool;
    private final ScheduledExecutorService timer;
    private final Attempts attempts;
    private final PollLoop pollLoop;
    private final Thread pollThread;
    private final Thread reportThread;

    private boolean started; // guarded by this
    /** Null until drained; then whether every attempt finished and was acknowledged in time. Guarded by this. */
    private Boolean drainedCleanly;

    public WorkerAgent(WorkerConfig config) {
        this.config = config;
        this.handlers = handlersOf(config);
        this.masters = new MasterClient(config.masters(), config.apiToken());
        this.pool = Executors.newCachedThreadPool(daemonThreads("kairos-attempt-" + config.workerId()));
        this.timer = Executors.newSingleThreadScheduledExecutor(daemonThreads("kairos-timeouts-" + config.workerId()));
        this.attempts = new Attempts(config, new TaskLauncher(config, handlers), reports, pool, timer);
        this.pollLoop = new PollLoop(config, masters, fence, attempts, new LogUploader(config, masters, pool));
        this.pollThread = daemonThreads("kairos-poll-" + config.workerId()).newThread(pollLoop);
        this.reportThread = daemonThreads("kairos-report-" + config.workerId())
                .newThread(new Reporter(config.workerId(), masters, fence, reports, attempts));
    }

    /** Starts registering and polling; returns at once. The masters need not be reachable yet. */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("worker " + config.workerId() + " was started already");
        }
        started = true;
        if (config.shellEnabled()) {
            log.warn("{}: shell jobs ENABLED: this worker runs any command a job names, as user {}",
                    config.workerId(), System.getProperty("user.name"));
        } else {
            log.info("{}: shell jobs are disabled (start with --enable-shell to run them)", config.workerId());
        }
        log.info("{} starting: masters {}, tags {}, capacity {}, Java handlers {}, data in {}", config.workerId(),
                config.masters(), config.tags(), config.capacity(), handlers.keySet(), config.dataDir().toAbsolutePath());
        pollThread.start();
        reportThread.start();
    }

    /**
     * Stops the worker cleanly; blocks until done. In order: take no new work (polls say
     * {@code draining}); let running attempts finish and their reports be acknowledged, for up to
     * the drain timeout; cancel what is left (killing its processes); stop polling and reporting;
     * deregister. Idempotent.
     *
     * @return true when every attempt finished and was acknowledged in time, false if some were cancelled
     */
    public synchronized boolean drain() throws InterruptedException {
        if (drainedCleanly != null) {
            return drainedCleanly;
        }
        if (!started) {
            shutdownThreads();
            drainedCleanly = true;
            return true;
        }
        attempts.startDraining();
        log.info("{} draining: taking no new work; waiting up to {} for {} held attempts", config.workerId(),
                config.drainTimeout(), attempts.held().size());
        boolean clean = attempts.awaitNoneHeld(config.drainTimeout());
        if (clean) {
            log.info("{} drained: every attempt finished and was reported", config.workerId());
        } else {
            log.warn("{} drain timeout: giving up {} attempts still held (stopping those still running, dropping"
                    + " unacknowledged reports)", config.workerId(), attempts.held().size());
            attempts.cancelAll("the worker is stopping and its drain timeout passed");
        }
        if (!attempts.awaitAllEnded(config.killGrace().plus(KILL_SLACK))) {
            log.error("{}: some attempts' threads did not end; Java handlers that ignore interrupts keep running",
                    config.workerId());
        }
        pollThread.interrupt();
        reportThread.interrupt();
        pollThread.join();
        reportThread.join();
        log.info("{} stopped polling and reporting ({} reports left unsent)", config.workerId(), reports.size());
        deregister();
        shutdownThreads();
        log.info("{} stopped", config.workerId());
        drainedCleanly = clean;
        return clean;
    }

    /** {@link #drain()}, restoring the interrupt flag if interrupted meanwhile. */
    @Override
    public void close() {
        try {
            drain();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public String workerId() {
        return config.workerId();
    }

    /** The names of the Java handlers this worker runs. */
    public List<String> handlerNames() {
        return List.copyOf(handlers.keySet());
    }

    Attempts attempts() {
        return attempts;
    }

    TermFence fence() {
        return fence;
    }

    /** Whether the leader has (as far as this worker knows) accepted its registration. */
    public boolean isRegistered() {
        return pollLoop.registered();
    }

    private void deregister() throws InterruptedException {
        if (!pollLoop.registered()) {
            log.info("{} is not registered with the leader: nothing to deregister", config.workerId());
            return;
        }
        try {
            DeregisterResponse answer = masters.post("/v1/workers/" + config.workerId() + "/deregister", null,
                    DeregisterResponse.class, DEREGISTER_TIMEOUT, System.nanoTime() + DEREGISTER_TIMEOUT.toNanos());
            log.info("{} deregistered (term {})", config.workerId(), answer.term());
        } catch (IOException | MasterRejectedException e) {
            log.warn("{} could not deregister ({}); the leader will declare it lost when its lease runs out",
                    config.workerId(), e.getMessage());
        }
    }

    private void shutdownThreads() {
        pool.shutdownNow();
        timer.shutdownNow();
    }

    /** The configured handlers, or those ServiceLoader finds, by name; two with one name is a configuration error. */
    static Map<String, JobHandler> handlersOf(WorkerConfig config) {
        Iterable<JobHandler> found = config.handlers().isEmpty()
                ? ServiceLoader.load(JobHandler.class)
                : config.handlers();
        Map<String, JobHandler> byName = new LinkedHashMap<>();
        for (JobHandler handler : found) {
            JobHandler clash = byName.putIfAbsent(handler.name(), handler);
            if (clash != null) {
                throw new IllegalArgumentException("two Java handlers are named '" + handler.name() + "': "
                        + clash.getClass().getName() + " and " + handler.getClass().getName());
            }
        }
        return byName;
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
