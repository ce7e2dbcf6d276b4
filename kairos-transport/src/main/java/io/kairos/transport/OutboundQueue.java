package io.kairos.transport;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Encoded frames waiting for one peer's connection, bounded in count and bytes. When full, an offer
 * is refused and counted: Raft tolerates a lost message, and a slow or dead peer must not grow the
 * heap. Offers come from any thread; polls from the connection's event loop.
 */
final class OutboundQueue {

    private final int maxMessages;
    private final long maxBytes;
    private final Queue<byte[]> frames = new ConcurrentLinkedQueue<>();
    /** Reserved before the frame is added, released after it is polled: never below the real content. */
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    OutboundQueue(int maxMessages, long maxBytes) {
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
    }

    /** Queues {@code frame} unless that would exceed a bound; returns whether it did. */
    boolean offer(byte[] frame) {
        int c = count.incrementAndGet();
        long b = bytes.addAndGet(frame.length);
        if (c > maxMessages || b > maxBytes) {
            count.decrementAndGet();
            bytes.addAndGet(-frame.length);
            dropped.incrementAndGet();
            return false;
        }
        frames.add(frame);
        return true;
    }

    /** Counts a message dropped before it reached the queue (too large, unencodable, peer closed). */
    void countDropped() {
        dropped.incrementAndGet();
    }

    /** The oldest frame, or null. */
    byte[] poll() {
        byte[] frame = frames.poll();
        if (frame != null) {
            count.decrementAndGet();
            bytes.addAndGet(-frame.length);
        }
        return frame;
    }

    int size() {
        return count.get();
    }

    long sizeBytes() {
        return bytes.get();
    }

    long dropped() {
        return dropped.get();
    }
}
