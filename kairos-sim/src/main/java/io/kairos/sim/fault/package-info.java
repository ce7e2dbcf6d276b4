/**
 * What happens to the cluster from outside, at random moments drawn from the run's seed: machine
 * crashes and restarts, network partitions, and an operator's membership changes and leadership
 * transfers. Each source stops when the run heals for good. Depends on the simulated cluster and
 * network and the event loop.
 */
package io.kairos.sim.fault;
