package io.kairos.client;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * Write sessions, one per write in flight. The server keeps only the <em>last</em> sequence per
 * client id and treats any sequence at or below it as a duplicate, so two writes in flight under
 * one client id could be misjudged (seq 6 applying first makes seq 5 look like a repeat). Each
 * write therefore holds a session of its own, exclusively, from its first attempt to its last:
 * session {@code i} is client id {@code base + i}, at most {@code capacity} of them, created on
 * demand and reused afterwards. Writes beyond the capacity wait for a session in FIFO order.
 *
 * <p>Within a session sequences only grow, by one per write. They start from the wall clock in
 * microseconds-since-epoch granularity ({@code millis * 1000}), so that a restarted client that
 * reuses its client id still starts above everything its previous incarnation sent: a session
 * cannot complete a thousand writes (each a commit round trip) per millisecond.
 */
final class SessionPool {

    /** A client id and its last sequence number. Owned by one write at a time. */
    static final class Session {
        final long clientId;
        /** Invariant: the highest sequence handed out in this session; only grows. */
        private long lastSequence;

        Session(long clientId, long firstSequence) {
            this.clientId = clientId;
            this.lastSequence = firstSequence - 1;
        }

        long nextSequence() {
            return ++lastSequence;
        }
    }

    private final long baseClientId;
    private final int capacity;
    private final long firstSequence;
    private final ArrayDeque<Session> idle = new ArrayDeque<>();
    private final ArrayDeque<CompletableFuture<Session>> waiting = new ArrayDeque<>();
    private int created;

    SessionPool(long baseClientId, int capacity, long nowMillis) {
        if (baseClientId < 1 || capacity < 1 || baseClientId > Long.MAX_VALUE - capacity) {
            throw new IllegalArgumentException("client ids " + baseClientId + " .. " + baseClientId + " + "
                    + capacity + " must be positive longs");
        }
        this.baseClientId = baseClientId;
        this.capacity = capacity;
        this.firstSequence = Math.max(1, nowMillis * 1000);
    }

    /** A session for one write; completes when one is free. Release it exactly once. */
    CompletableFuture<Session> acquire() {
        synchronized (this) {
            Session s = idle.pollFirst();
            if (s == null && created < capacity) {
                s = new Session(baseClientId + created, firstSequence);
                created++;
            }
            if (s != null) {
                return CompletableFuture.completedFuture(s);
            }
            CompletableFuture<Session> waiter = new CompletableFuture<>();
            waiting.addLast(waiter);
            return waiter;
        }
    }

    /** Hands the session to the oldest live waiter, or makes it idle. */
    void release(Session session) {
        while (true) {
            CompletableFuture<Session> waiter;
            synchronized (this) {
                waiter = waiting.pollFirst();
                if (waiter == null) {
                    idle.addFirst(session);
                    return;
                }
            }
            // Completed outside the lock: the waiter's write continues on this thread. A waiter
            // that gave up (its deadline passed) refuses the session and the next one gets it.
            if (waiter.complete(session)) {
                return;
            }
        }
    }

    synchronized int created() {
        return created;
    }
}
