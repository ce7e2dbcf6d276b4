package io.kairos.api.job;

/** {@code POST /v1/jobs}: a new job. */
public record CreateJobRequest(String jobId, JobSpecJson spec) {
}
