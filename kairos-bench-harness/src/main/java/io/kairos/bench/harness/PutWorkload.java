package io.kairos.bench.harness;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * W1's load: first one write, waited for, so that the clock starts on a cluster with a leader;
 * then writes with {@code concurrency} of them outstanding at any time (1 = one at a time), a
 * warmup whose writes are applied but not measured, then a measured phase. The latency of a
 * write runs from just before it is handed to the client to its acknowledgement.
 */
public final class PutWorkload {

    /** The system under test: completes when the write is acknowledged as committed. */
    public interface Store {
        CompletableFuture<?> put(long sequence);
    }

    /** What one run measured; {@code acknowledged} holds the sequence of every acknowledged write, warmup included. */
    public record Result(long ops, double seconds, Histogram latencyMicros, Set<Long> acknowledged, long failures,
            boolean drained) {
        public double opsPerSecond() {
            return ops / seconds;
        }
    }

    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration FIRST_WRITE_TIMEOUT = Duration.ofSeconds(60);

    private PutWorkload() {}

    public static Result run(Store store, int concurrency, Duration warmup, Duration measure)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency " + concurrency + " < 1");
        }
        store.put(0).get(FIRST_WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Semaphore permits = new Semaphore(concurrency);
        Histogram latency = new ConcurrentHistogram(3);
        Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
        acknowledged.add(0L);
        AtomicLong measuredOps = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        long start = System.nanoTime();
        long measureStart = start + warmup.toNanos();
        long end = measureStart + measure.toNanos();
        long sequence = 1;
        while (true) {
            permits.acquire();
            long sent = System.nanoTime();
            if (sent >= end) {
                permits.release();
                break;
            }
            long thisSequence = sequence++;
            boolean measured = sent >= measureStart;
            CompletableFuture<?> acknowledgement;
            try {
                acknowledgement = store.put(thisSequence);
            } catch (RuntimeException e) {
                acknowledgement = CompletableFuture.failedFuture(e);
            }
            acknowledgement.whenComplete((reply, failure) -> {
                long micros = Math.max(1, (System.nanoTime() - sent) / 1_000);
                if (failure == null) {
                    acknowledged.add(thisSequence);
                    if (measured) {
                        latency.recordValue(micros);
                        measuredOps.incrementAndGet();
                    }
                } else if (failures.incrementAndGet() == 1) {
                    System.err.println("first failed write (" + thisSequence + "): " + failure);
                }
                permits.release();
            });
        }
        boolean drained = permits.tryAcquire(concurrency, DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        double seconds = (System.nanoTime() - measureStart) / 1e9;
        return new Result(measuredOps.get(), seconds, latency, Set.copyOf(acknowledged), failures.get(), drained);
    }
}
