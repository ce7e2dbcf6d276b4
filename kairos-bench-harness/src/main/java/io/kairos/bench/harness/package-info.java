/**
 * What every system's runner in the Raft comparison shares: W1's workload, command line, entries
 * and outcome check, the failover workload's member processes, and the one-line JSON results that
 * {@code io.kairos.bench.CompareBench} reads. Depends on nothing of Kairos, so each runner's JVM
 * holds only its own system's libraries.
 */
package io.kairos.bench.harness;
