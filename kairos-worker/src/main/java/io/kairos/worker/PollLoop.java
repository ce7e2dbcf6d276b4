package io.kairos.worker;

import io.kairos.api.worker.AttemptRef;
import io.kairos.api.worker.Dispatch;
import io.kairos.api.worker.PollRequest;
import io.kairos.api.worker.PollResponse;
import io.kairos.api.worker.RegisterRequest;
import io.kairos.api.worker.RegisterResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's heartbeat thread: register, then long-poll the leader again at once after every
 * answer, and act on each answer whose term is not older than the largest seen: cancels, then
 * dispatches; {@code registered=false} cancels everything held and registers again.
 */
final class PollLoop implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(PollLoop.class);

    /** Until the first registration says otherwise. */
    private static final long DEFAULT_HEARTBEAT_MILLIS = 2_000;

    private final WorkerConfig config;
    private final MasterClient masters;
    private final TermFence fence;
    private final Attempts attempts;
    private final LogUploader logs;
    private final Backoff rejections = new Backoff(500, 10_000);
    /** Between answers fenced off as stale, so a deposed leader answering at once cannot spin us. */
    private final Backoff staleAnswers = new Backoff(50, 2_000);

    private volatile boolean registered;
    private volatile long heartbeatMillis = DEFAULT_HEARTBEAT_MILLIS;

    PollLoop(WorkerConfig config, MasterClient masters, TermFence fence, Attempts attempts, LogUploader logs) {
        this.config = config;
        this.logs = logs;
        this.masters = masters;
        this.fence = fence;
        this.attempts = attempts;
    }

    boolean registered() {
        return registered;
    }

    @Override
    public void run() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                if (registered) {
                    pollOnce();
                } else if (attempts.draining()) {
                    // Not rejoining while stopping; just wait to be stopped.
                    Thread.sleep(heartbeatMillis);
                } else {
                    register();
                }
                rejections.reset();
            } catch (InterruptedException e) {
                return;
            } catch (IOException | MasterRejectedException e) {
                log.error("{}", e.getMessage());
                try {
                    Thread.sleep(rejections.nextDelayMillis());
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    private void register() throws IOException, InterruptedException, MasterRejectedException {
        RegisterRequest request = new RegisterRequest(config.workerId(), registeredTags(), config.capacity());
        RegisterResponse answer = masters.post("/v1/workers/register", request, RegisterResponse.class,
                Duration.ofSeconds(15), forever());
        if (!fence.admit(answer.term(), "a registration answer")) {
            onStaleAnswer();
            return;
        }
        staleAnswers.reset();
        heartbeatMillis = answer.heartbeatMillis() > 0 ? answer.heartbeatMillis() : DEFAULT_HEARTBEAT_MILLIS;
        registered = true;
        log.info("{} registered in term {}: lease {} ms, heartbeat {} ms, tags {}, capacity {}", config.workerId(),
                answer.term(), answer.leaseMillis(), answer.heartbeatMillis(), request.tags(), request.capacity());
    }

    private void pollOnce() throws IOException, InterruptedException, MasterRejectedException {
        long waitMillis = waitMillis();
        PollRequest request = new PollRequest(attempts.held(), attempts.draining(), waitMillis);
        PollResponse answer = masters.post(path("poll"), request, PollResponse.class,
                // Past the wait plus a heartbeat the leader is not just slow: try another master.
                Duration.ofMillis(waitMillis + Math.max(1_000, heartbeatMillis)), forever());
        if (!fence.admit(answer.term(), "a poll answer")) {
            onStaleAnswer();
            return;
        }
        staleAnswers.reset();
        if (!answer.registered()) {
            log.warn("the leader (term {}) does not know {}: cancelling {} held attempts and registering again",
                    answer.term(), config.workerId(), attempts.held().size());
            attempts.cancelAll("the leader no longer counts this worker as registered");
            registered = false;
            return;
        }
        for (AttemptRef cancel : orEmpty(answer.cancels())) {
            attempts.cancel(cancel, "cancelled by the leader");
        }
        for (Dispatch dispatch : orEmpty(answer.dispatches())) {
            attempts.maybeStart(dispatch);
        }
        logs.upload(orEmpty(answer.logRequests()));
    }

    private void onStaleAnswer() throws InterruptedException {
        masters.forgetLeader();
        Thread.sleep(staleAnswers.nextDelayMillis());
    }

    /** Long enough to spare the leader idle polls, short enough to poll within every heartbeat. */
    long waitMillis() {
        return Math.max(0, Math.min(config.maxPollWait().toMillis(), heartbeatMillis * 3 / 4));
    }

    private List<String> registeredTags() {
        List<String> tags = new ArrayList<>(config.tags());
        if (config.shellEnabled()) {
            tags.add(RegisterRequest.SHELL_TAG);
        }
        return tags;
    }

    private String path(String action) {
        return "/v1/workers/" + config.workerId() + "/" + action;
    }

    static long forever() {
        return System.nanoTime() + Long.MAX_VALUE / 2;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
