package io.kairos.worker;

/**
 * One attempt's work: {@link #run} blocks on the attempt's own thread until it ends; {@link #stop}
 * is called from any thread on cancel or timeout, returns at once, and makes {@code run} end soon
 * (after killing what must be killed).
 */
interface Execution {

    AttemptResult run() throws InterruptedException;

    void stop();

    /** An attempt this worker will not run, failed at once with the reason as its output. */
    static Execution refused(String why) {
        return new Execution() {
            @Override
            public AttemptResult run() {
                return AttemptResult.failedByWorker(why);
            }

            @Override
            public void stop() {
                // Nothing runs.
            }
        };
    }
}
