/**
 * The replicated key-value map, the application the master serves until the scheduler arrives
 * (and the one its tests and benchmarks use). A deterministic {@code StateMachine}: depends on
 * the core's contract only.
 */
package io.kairos.server.kv;
