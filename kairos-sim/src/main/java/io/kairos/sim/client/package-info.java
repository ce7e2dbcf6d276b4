/**
 * Simulated clients of the replicated key-value store: each runs one operation at a time against
 * the node it believes leads, follows redirects, retries on timeouts (a write keeps its operation
 * id, so the state machine applies it at most once), gives up after a while (the outcome is then
 * unknown), and records everything in the run's history. Depends on the simulated cluster, the
 * key-value commands and the history.
 */
package io.kairos.sim.client;
