package io.kairos.storage.wal;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The log is damaged somewhere other than its tail, where acknowledged entries may live. The node
 * must not start from it: an operator wipes its data directory and re-adds it to the cluster.
 */
public final class CorruptLogException extends IOException {

    static final String ADVICE = "the log before the tail is damaged; do not delete entries by hand: wipe this node's"
            + " data directory and re-add it to the cluster so it restores from its peers";

    private final Path file;
    private final long offset;

    CorruptLogException(Path file, long offset, String problem) {
        this(file, offset, problem, null);
    }

    CorruptLogException(Path file, long offset, String problem, Throwable cause) {
        super(file + " at offset " + offset + ": " + problem + "; " + ADVICE, cause);
        this.file = file;
        this.offset = offset;
    }

    /** The damaged segment file. */
    public Path file() {
        return file;
    }

    /** Byte offset in {@link #file()} where the damage starts. */
    public long offset() {
        return offset;
    }
}
