package io.kairos.api.job;

import java.util.Map;

/** {@code POST /v1/jobs/{jobId}/trigger}: runs the job now with these parameters (may be empty). */
public record TriggerRequest(Map<String, String> params) {
}
