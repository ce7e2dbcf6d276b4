package io.kairos.scheduler.leader;

/** An attempt a worker says it holds. */
public record HeldAttempt(long runId, int attempt) {
}
