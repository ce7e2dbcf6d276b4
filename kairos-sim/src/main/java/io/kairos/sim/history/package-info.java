/**
 * The record of every client operation of a run, for the linearizability check: what was called
 * when, and what came back when, or that nothing came back (an unknown outcome). Depends only on
 * the JDK.
 */
package io.kairos.sim.history;
