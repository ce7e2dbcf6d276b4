package io.kairos.raft;

import java.util.Arrays;

/**
 * One entry of the replicated log. The index and term are assigned by the leader that appended it
 * and never change; an entry is identified by the pair (index, term) (Raft §5.3, Log Matching).
 */
public sealed interface LogEntry permits LogEntry.Command, LogEntry.Noop, LogEntry.Config {

    long index();

    long term();

    /** Approximate size in bytes, for batching limits. */
    long sizeBytes();

    /** Bytes of the entries' framing that every entry costs, whatever its payload. */
    int OVERHEAD_BYTES = 24;

    /** An application command. The payload is opaque to the core and never mutated after creation. */
    record Command(long index, long term, byte[] payload) implements LogEntry {
        public Command {
            checkPosition(index, term);
            if (payload == null) {
                throw new IllegalArgumentException("payload must not be null");
            }
        }

        @Override
        public long sizeBytes() {
            return OVERHEAD_BYTES + payload.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Command c && c.index == index && c.term == term && Arrays.equals(c.payload, payload);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(index) * 31 + Long.hashCode(term) * 17 + Arrays.hashCode(payload);
        }

        @Override
        public String toString() {
            return "Command[" + index + "@" + term + ", " + payload.length + " bytes]";
        }
    }

    /** The blank entry a new leader appends so that it can commit entries of earlier terms (§5.4.2, §8). */
    record Noop(long index, long term) implements LogEntry {
        public Noop {
            checkPosition(index, term);
        }

        @Override
        public long sizeBytes() {
            return OVERHEAD_BYTES;
        }
    }

    /**
     * A membership configuration. It takes effect on a node when the node learns it is committed;
     * a joint configuration is followed by the leader's proposal of its incoming half.
     */
    record Config(long index, long term, Membership membership) implements LogEntry {
        public Config {
            checkPosition(index, term);
            if (membership == null) {
                throw new IllegalArgumentException("membership must not be null");
            }
        }

        @Override
        public long sizeBytes() {
            return OVERHEAD_BYTES + 8L * membership.size();
        }
    }

    private static void checkPosition(long index, long term) {
        if (index < 1 || term < 1) {
            throw new IllegalArgumentException("entry index and term must be >= 1, got " + index + "@" + term);
        }
    }

    /** The same entry content placed at another position (used when a leader stamps a proposal). */
    static LogEntry at(LogEntry entry, long index, long term) {
        if (entry instanceof Command c) {
            return new Command(index, term, c.payload());
        } else if (entry instanceof Noop) {
            return new Noop(index, term);
        } else if (entry instanceof Config c) {
            return new Config(index, term, c.membership());
        }
        throw new AssertionError("unknown entry type " + entry);
    }
}
