/**
 * What only the leader does, as pure code driven by its caller's clock: decide when to propose a
 * Tick, which worker gets each due run (routing), when a worker's lease has expired, and what to
 * tell a polling worker. Nothing here is replicated; a new leader starts it afresh from the
 * committed state, which is why it may only act once it has applied an entry of its own term.
 */
package io.kairos.scheduler.leader;
