package io.kairos.sim.client;

import java.util.Random;

/**
 * The workload comes in bursts: busy phases, in which clients run operations back to back, and
 * quiet phases, in which none starts one. Quiet logs matter: elections whose candidates have
 * up-to-date logs, and leases that outlive the traffic, happen only when nothing is written.
 */
public final class LoadPhases {

    private final Random random;
    private final long maxBusyMicros;
    private final long maxQuietMicros;
    /** The phases so far end here; the phase containing a time is drawn when first asked. */
    private long drawnUntilMicros;
    private long quietFromMicros;

    /**
     * @param maxBusyMicros longest busy phase (from a tenth of it)
     * @param maxQuietMicros longest quiet phase (from a tenth of it); 0 for none
     */
    public LoadPhases(Random random, long maxBusyMicros, long maxQuietMicros) {
        this.random = random;
        this.maxBusyMicros = maxBusyMicros;
        this.maxQuietMicros = maxQuietMicros;
        this.quietFromMicros = Long.MAX_VALUE;
    }

    /**
     * When a client that wants to start an operation at {@code atMicros} may start it: then, or at
     * the end of the quiet phase it falls into.
     */
    public long startTime(long atMicros) {
        while (atMicros >= drawnUntilMicros) {
            drawNext();
        }
        return atMicros >= quietFromMicros ? drawnUntilMicros : atMicros;
    }

    private void drawNext() {
        long busy = maxBusyMicros / 10 + (long) (random.nextDouble() * maxBusyMicros * 0.9);
        long quiet = maxQuietMicros == 0 ? 0 : maxQuietMicros / 10 + (long) (random.nextDouble() * maxQuietMicros * 0.9);
        quietFromMicros = drawnUntilMicros + busy;
        drawnUntilMicros = quietFromMicros + quiet;
    }
}
