package io.kairos.sim;

import java.util.Locale;

/**
 * Which faults a run injects. Operator actions (membership changes, leadership transfers) happen
 * in every mix: they are not faults.
 */
public enum FaultMix {
    /** A reliable network and no crashes. */
    NONE(false, false),
    /** Drops, duplicates, slow messages and partitions. */
    NETWORK(true, false),
    /** Crashes and restarts, with torn writes. */
    CRASH(false, true),
    /** Everything. */
    ALL(true, true);

    private final boolean network;
    private final boolean crashes;

    FaultMix(boolean network, boolean crashes) {
        this.network = network;
        this.crashes = crashes;
    }

    public boolean network() {
        return network;
    }

    public boolean crashes() {
        return crashes;
    }

    /** The command-line spelling: none, network, crash or all. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@link #label()}; null if it is none of them. */
    public static FaultMix parse(String label) {
        for (FaultMix m : values()) {
            if (m.label().equals(label)) {
                return m;
            }
        }
        return null;
    }
}
