package io.kairos.api.worker;

/**
 * {@code POST /v1/workers/{workerId}/deregister} (no body): the worker leaves; attempts it still
 * holds are re-queued as new attempts. Answered once committed.
 */
public record DeregisterResponse(long term) {
}
