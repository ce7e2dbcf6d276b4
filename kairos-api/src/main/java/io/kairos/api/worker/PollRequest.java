package io.kairos.api.worker;

import java.util.List;

/**
 * {@code POST /v1/workers/{workerId}/poll}: the heartbeat. It renews the worker's lease and asks for
 * work; the leader answers at once when it has dispatches or cancels for this worker, else after at
 * most {@code waitMillis} (a long poll).
 *
 * @param held every attempt the worker is running or has not yet reported finished
 * @param draining the worker is stopping: send it nothing new
 * @param waitMillis how long the leader may hold the request when it has nothing to say (0 to 5000)
 */
public record PollRequest(List<AttemptRef> held, boolean draining, long waitMillis) {

    /** The longest a poll may wait. */
    public static final long MAX_WAIT_MILLIS = 5_000;
}
