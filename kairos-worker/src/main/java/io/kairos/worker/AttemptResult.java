package io.kairos.worker;

import io.kairos.api.worker.Report.Outcome;

/** How an attempt ended, as its FINISHED report will say. */
record AttemptResult(Outcome outcome, int exitCode, String outputTail) {

    /** The exit code of an attempt the worker itself failed: refused, timed out, could not start. */
    static final int WORKER_FAILURE = -1;

    AttemptResult {
        if (outcome == null) {
            throw new IllegalArgumentException("an attempt's result needs an outcome");
        }
        outputTail = OutputTail.of(outputTail == null ? "" : outputTail);
    }

    static AttemptResult ofExitCode(int exitCode, String outputTail) {
        return new AttemptResult(exitCode == 0 ? Outcome.SUCCEEDED : Outcome.FAILED, exitCode, outputTail);
    }

    static AttemptResult failedByWorker(String why) {
        return new AttemptResult(Outcome.FAILED, WORKER_FAILURE, why);
    }
}
