/**
 * Invariant checkers, one small class per invariant, fed continuously while a run goes on:
 * election safety, log matching, committed entries never changing, leader completeness, state
 * machine safety, each operation taking effect once, lease safety; and at the end liveness after
 * the final heal and linearizability of the client history. A broken invariant throws
 * {@link io.kairos.sim.check.InvariantViolation} with the values that show it. Depends on the
 * core's public types, the simulated nodes and the history.
 */
package io.kairos.sim.check;
