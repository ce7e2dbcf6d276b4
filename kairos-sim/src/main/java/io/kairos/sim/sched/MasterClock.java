package io.kairos.sim.sched;

import java.util.Random;

/**
 * A master's wall clock on virtual time: the run's epoch, plus this machine's offset (up to a few
 * seconds either way) and a rate skew, so leaders' Ticks disagree as real ones would; the wall
 * clock can also be stepped (an NTP correction, an operator), which the monotonic elapsed clock
 * never is. The machine's 10 ms Raft ticks run on the same skewed rate.
 */
final class MasterClock {

    static final long MAX_OFFSET_MICROS = 3_000_000;
    static final int MAX_SKEW_PPM = 2_000;
    static final long TICK_MICROS = 10_000;

    private final long epochMillis;
    private final long offsetMicros;
    private final int skewPpm;
    /** The sum of the steps of the wall clock so far. */
    private long stepMicros;

    MasterClock(long epochMillis, Random random) {
        this.epochMillis = epochMillis;
        this.offsetMicros = random.nextLong(2 * MAX_OFFSET_MICROS + 1) - MAX_OFFSET_MICROS;
        this.skewPpm = random.nextInt(2 * MAX_SKEW_PPM + 1) - MAX_SKEW_PPM;
    }

    /** The machine's wall clock at virtual time {@code nowMicros}, in epoch milliseconds. */
    long wallMillis(long nowMicros) {
        long local = nowMicros + nowMicros / 1_000_000 * skewPpm + offsetMicros + stepMicros;
        return epochMillis + Math.floorDiv(local, 1_000);
    }

    /** Steps the wall clock by {@code micros} (either way); the elapsed clock does not move. */
    void step(long micros) {
        stepMicros += micros;
    }

    /** The machine's monotonic clock at virtual time {@code nowMicros}: its own rate, no offset, in milliseconds. */
    long elapsedMillis(long nowMicros) {
        return Math.floorDiv(nowMicros + nowMicros / 1_000_000 * skewPpm, 1_000);
    }

    /** Virtual time between two of this machine's Raft ticks. */
    long tickIntervalMicros() {
        return TICK_MICROS - TICK_MICROS * skewPpm / 1_000_000;
    }

    @Override
    public String toString() {
        return String.format("offset %+d ms, skew %+d ppm", (offsetMicros + stepMicros) / 1_000, skewPpm);
    }
}
