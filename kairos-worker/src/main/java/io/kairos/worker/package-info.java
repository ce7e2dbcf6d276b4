/**
 * The Kairos worker agent: {@link io.kairos.worker.WorkerAgent} (configured by
 * {@link io.kairos.worker.WorkerConfig}) and {@code kairos worker} ({@link io.kairos.worker.WorkerMain}).
 * Everything else here is package-private: the master client (redirects, retries, term fencing),
 * the poll and report loops, the held-attempt table, and one execution class per task type.
 *
 * <p>Depends on {@code kairos-api}'s protocol records only: never on the server or scheduler.
 */
package io.kairos.worker;
