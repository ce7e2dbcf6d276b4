package io.kairos.api.worker;

/**
 * What happened to one attempt.
 *
 * @param kind {@code STARTED} once it began, {@code FINISHED} when it ended
 * @param outcome for FINISHED: {@code SUCCEEDED} or {@code FAILED}; null for STARTED
 * @param exitCode the process's exit code, the HTTP status, or 0/1 for Java handlers; -1 when the
 *     worker failed the attempt itself (task type disabled or unknown, timed out, could not start)
 * @param outputTail the last characters of its output, at most 4096 (the full output stays on the
 *     worker); "" for STARTED
 */
public record Report(long runId, int attempt, Kind kind, Outcome outcome, int exitCode, String outputTail) {

    public enum Kind { STARTED, FINISHED }

    public enum Outcome { SUCCEEDED, FAILED }
}
