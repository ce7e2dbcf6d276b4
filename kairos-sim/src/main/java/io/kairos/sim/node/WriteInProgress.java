package io.kairos.sim.node;

import io.kairos.raft.Ready;
import java.util.Random;

/** The one write a simulated disk may have under way, and how long each write takes on this machine. */
final class WriteInProgress {

    private final Random random;
    private final NodeSettings settings;
    /** The Ready being written, or null. */
    private Ready writing;

    WriteInProgress(Random random, NodeSettings settings) {
        this.random = random;
        this.settings = settings;
    }

    boolean isActive() {
        return writing != null;
    }

    /** Starts writing {@code rd}; returns how long the write takes. */
    long begin(Ready rd) {
        if (writing != null) {
            throw new IllegalStateException("a write is already in progress");
        }
        writing = rd;
        long spread = settings.maxDiskWriteMicros() - settings.minDiskWriteMicros();
        return settings.minDiskWriteMicros() + (long) (random.nextDouble() * spread);
    }

    /** Ends the write (it landed, or the machine died): returns it, or null if there was none. */
    Ready take() {
        Ready rd = writing;
        writing = null;
        return rd;
    }
}
