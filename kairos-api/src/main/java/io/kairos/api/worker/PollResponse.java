package io.kairos.api.worker;

import java.util.List;

/**
 * The leader's answer to a poll.
 *
 * @param term the leader's Raft term; ignore the answer if a larger term has been seen
 * @param registered false when the leader does not know this worker or has declared it lost:
 *     cancel everything held and register again
 * @param dispatches attempts committed to this worker that it did not list as held: run them.
 *     Sent again on every poll until the worker lists them, so a dispatch is never lost
 * @param cancels attempts the worker listed that are no longer its to run (timed out, cancelled,
 *     re-dispatched after it was declared lost): stop them and report nothing more for them
 * @param logRequests attempts (held or long finished) whose full log someone asked the API for:
 *     upload each with {@code POST /v1/workers/{workerId}/logs} ({@link LogUpload}); may be null
 *     from masters that predate it
 */
public record PollResponse(long term, boolean registered, List<Dispatch> dispatches, List<AttemptRef> cancels,
        List<AttemptRef> logRequests) {

    /** An answer without log requests. */
    public PollResponse(long term, boolean registered, List<Dispatch> dispatches, List<AttemptRef> cancels) {
        this(term, registered, dispatches, cancels, List.of());
    }
}
