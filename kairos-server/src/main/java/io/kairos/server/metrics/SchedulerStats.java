package io.kairos.server.metrics;

/**
 * The scheduler state's numbers at one moment, taken on the applier thread for a scrape.
 *
 * @param clockLagMillis the wall clock minus the replicated clock (how long since the last Tick)
 */
public record SchedulerStats(long jobs, long pausedJobs, long queued, long pending, long assigned, long running,
        long workersAlive, long workersLost, long firedTotal, long skippedTotal, long staleReports,
        long clockLagMillis) {
}
