/**
 * Virtual time: a single-threaded loop of scheduled actions ordered by (time, sequence). Nothing
 * here reads a clock or starts a thread. Depends only on the JDK.
 */
package io.kairos.sim.event;
