/**
 * The worker protocol's JSON records: what a worker sends to the leader and what it gets back.
 * {@code docs/worker-protocol.md} describes the exchange for workers written in other languages.
 */
package io.kairos.api.worker;
