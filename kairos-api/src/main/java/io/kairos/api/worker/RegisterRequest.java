package io.kairos.api.worker;

import java.util.List;

/**
 * {@code POST /v1/workers/register}: a worker joins (or rejoins after being declared lost).
 *
 * @param workerId 1 to 128 of {@code A-Z a-z 0-9 . _ -}, stable across restarts of the same worker
 * @param tags the groups it serves; the reserved tag {@value #SHELL_TAG} says it runs shell jobs
 * @param capacity how many attempts it runs at once, at least 1
 */
public record RegisterRequest(String workerId, List<String> tags, int capacity) {

    /** Carried by workers started with shell jobs enabled; shell jobs go only to them. */
    public static final String SHELL_TAG = "kairos.shell";
}
