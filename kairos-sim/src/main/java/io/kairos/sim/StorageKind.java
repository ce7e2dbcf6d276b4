package io.kairos.sim;

import java.util.Locale;

/** What the simulated nodes store their state in. */
public enum StorageKind {
    /** The core's {@code MemoryStorage}: a crash loses a write in progress or keeps a prefix of its entries. */
    MEMORY,
    /**
     * The real {@code DurableStorage} on files in a scratch directory: a crash tears the unsynced
     * bytes at any offset, and every boot runs the write-ahead log's recovery. Slower.
     */
    DURABLE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind with this label, or null. */
    public static StorageKind parse(String label) {
        for (StorageKind kind : values()) {
            if (kind.label().equals(label)) {
                return kind;
            }
        }
        return null;
    }
}
