package io.kairos.api.worker;

/** One attempt of one run: with the job id and scheduled time, the fencing key of the work. */
public record AttemptRef(long runId, int attempt) {
}
