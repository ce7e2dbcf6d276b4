package io.kairos.api.job;

import java.util.List;

/** A registered worker: {@code lost} once declared lost (until it registers again); {@code held} attempts. */
public record WorkerJson(String workerId, List<String> tags, int capacity, boolean lost, int held) {
}
