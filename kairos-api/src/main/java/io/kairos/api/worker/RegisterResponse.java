package io.kairos.api.worker;

/**
 * The leader's answer once the registration is committed.
 *
 * @param term the leader's Raft term; a worker ignores any answer carrying a smaller term than it has seen
 * @param leaseMillis a worker not heard from for this long is declared lost
 * @param heartbeatMillis how often to poll at the latest, well inside the lease
 */
public record RegisterResponse(long term, long leaseMillis, long heartbeatMillis) {
}
