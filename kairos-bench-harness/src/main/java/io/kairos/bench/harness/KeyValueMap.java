package io.kairos.bench.harness;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** One member's applied state: 16-byte keys to 128-byte values. Thread-safe. */
public final class KeyValueMap {

    private final Map<ByteBuffer, byte[]> entries = new HashMap<>();

    public synchronized void put(byte[] key, byte[] value) {
        entries.put(ByteBuffer.wrap(key), value);
        notifyAll();
    }

    public synchronized int size() {
        return entries.size();
    }

    /** Waits until at least {@code count} keys are applied or the timeout passes; returns whether they were. */
    public synchronized boolean awaitSize(long count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (entries.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    /**
     * The outcome check: this map holds exactly the acknowledged writes, each with its value. Returns
     * null when it does, else what differs.
     */
    public synchronized String mismatch(Collection<Long> acknowledged) {
        if (entries.size() != acknowledged.size()) {
            return entries.size() + " keys applied, " + acknowledged.size() + " writes acknowledged";
        }
        for (long sequence : acknowledged) {
            byte[] value = entries.get(ByteBuffer.wrap(Entries.key(sequence)));
            if (value == null) {
                return "acknowledged write " + sequence + " missing";
            }
            if (!Arrays.equals(value, Entries.value(sequence))) {
                return "acknowledged write " + sequence + " has another value";
            }
        }
        return null;
    }
}
