package io.kairos.sim.event;

import java.util.PriorityQueue;

/**
 * Runs actions in virtual time, in microseconds. Actions scheduled for the same moment run in the
 * order they were scheduled, so a run depends on nothing but what was scheduled: the same inputs
 * give the same run.
 */
public final class EventLoop {

    private record Scheduled(long atMicros, long sequence, Runnable action) implements Comparable<Scheduled> {
        @Override
        public int compareTo(Scheduled o) {
            int byTime = Long.compare(atMicros, o.atMicros);
            return byTime != 0 ? byTime : Long.compare(sequence, o.sequence);
        }
    }

    private final PriorityQueue<Scheduled> queue = new PriorityQueue<>();
    private long nowMicros;
    private long sequence;

    /** The virtual time of the action running now (or of the last one run). */
    public long nowMicros() {
        return nowMicros;
    }

    /** Runs {@code action} at {@code atMicros}; a time in the past means now, after what is already due. */
    public void at(long atMicros, Runnable action) {
        queue.add(new Scheduled(Math.max(atMicros, nowMicros), sequence++, action));
    }

    public void after(long delayMicros, Runnable action) {
        at(nowMicros + delayMicros, action);
    }

    /**
     * Runs every action due at or before {@code untilMicros}, including those they schedule, then
     * sets the time to {@code untilMicros}.
     */
    public void runUntil(long untilMicros) {
        while (!queue.isEmpty() && queue.peek().atMicros() <= untilMicros) {
            Scheduled next = queue.poll();
            nowMicros = next.atMicros();
            next.action().run();
        }
        nowMicros = Math.max(nowMicros, untilMicros);
    }
}
