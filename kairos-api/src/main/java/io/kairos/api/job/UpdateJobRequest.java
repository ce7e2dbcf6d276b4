package io.kairos.api.job;

/** {@code PUT /v1/jobs/{jobId}}: replaces the spec if the job is still at {@code version} (else 409). */
public record UpdateJobRequest(long version, JobSpecJson spec) {
}
