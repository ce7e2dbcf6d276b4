package io.kairos.raft;

/** A bounded FIFO of the last indexes of appends sent to one follower and not yet acknowledged. */
final class Inflights {

    private final long[] ring;
    private int start;
    private int count;

    Inflights(int capacity) {
        this.ring = new long[capacity];
    }

    boolean isFull() {
        return count == ring.length;
    }

    int count() {
        return count;
    }

    void add(long lastIndex) {
        if (isFull()) {
            throw new IllegalStateException("inflight window of " + ring.length + " is full");
        }
        ring[(start + count) % ring.length] = lastIndex;
        count++;
    }

    /** Frees every append whose last index is at most {@code index}: the follower has them all. */
    void freeUpTo(long index) {
        while (count > 0 && ring[start] <= index) {
            start = (start + 1) % ring.length;
            count--;
        }
    }

    /** Frees the oldest append in flight, if any. */
    void freeFirstOne() {
        if (count > 0) {
            start = (start + 1) % ring.length;
            count--;
        }
    }

    void clear() {
        start = 0;
        count = 0;
    }
}
