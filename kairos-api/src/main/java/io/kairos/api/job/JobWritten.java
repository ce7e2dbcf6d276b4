package io.kairos.api.job;

/**
 * The answer to a job write: {@code result} says what happened ({@code created}, {@code updated},
 * {@code paused}, {@code resumed}, {@code deleted}, {@code triggered}); {@code version} is the
 * job's version after a create or update; {@code runId} the first new run of a trigger.
 */
public record JobWritten(String jobId, Long version, Long runId, String result) {
}
