package io.kairos.scheduler.leader;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * When each worker's lease ends, on the leader's own clock. Not replicated: a new leader grants
 * every known worker a full lease from its election, so an election never makes a worker look dead.
 */
final class WorkerLeases {

    private final long leaseMillis;
    private final Map<String, Long> expiresAt = new HashMap<>();

    WorkerLeases(long leaseMillis) {
        this.leaseMillis = leaseMillis;
    }

    /** A full lease from {@code heardMillis}; never shortens one (a heartbeat may be handled late). */
    void renew(String workerId, long heardMillis) {
        expiresAt.merge(workerId, heardMillis + leaseMillis, Math::max);
    }

    /** A full lease from now, unless the worker already has one. */
    void grantIfAbsent(String workerId, long nowMillis) {
        expiresAt.putIfAbsent(workerId, nowMillis + leaseMillis);
    }

    void forget(String workerId) {
        expiresAt.remove(workerId);
    }

    void clear() {
        expiresAt.clear();
    }

    /** Workers whose lease ended at or before {@code nowMillis}, by id. */
    List<String> expired(long nowMillis) {
        List<String> expired = new ArrayList<>();
        expiresAt.forEach((worker, end) -> {
            if (end <= nowMillis) {
                expired.add(worker);
            }
        });
        Collections.sort(expired);
        return expired;
    }

    OptionalLong earliestEnd() {
        return expiresAt.values().stream().mapToLong(Long::longValue).min();
    }
}
