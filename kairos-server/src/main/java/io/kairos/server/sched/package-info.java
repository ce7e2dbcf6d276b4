/**
 * The scheduler on a master: the leader's duties (trigger timer, routing, worker leases) driven by
 * the wall clock on the applier thread, and the worker protocol's requests turned into proposals.
 */
package io.kairos.server.sched;
