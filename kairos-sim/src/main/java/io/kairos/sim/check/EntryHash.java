package io.kairos.sim.check;

import io.kairos.raft.LogEntry;

/** 64-bit hashes of entry contents and of log prefixes, stable across JVMs. */
public final class EntryHash {

    private EntryHash() {
    }

    /** A hash of what the entry says (not where it sits). */
    public static long content(LogEntry e) {
        if (e instanceof LogEntry.Command c) {
            long h = 0xcbf29ce484222325L;
            for (byte b : c.payload()) {
                h = (h ^ (b & 0xff)) * 0x100000001b3L;
            }
            return mix(h ^ 1);
        } else if (e instanceof LogEntry.Noop) {
            return mix(2);
        } else if (e instanceof LogEntry.Config c) {
            // Membership.toString lists ids in sorted order, so this is the same on every JVM.
            return mix(c.membership().toString().hashCode() * 31L + 3);
        }
        throw new AssertionError("unknown entry type " + e);
    }

    /** The hash of a log prefix ending with {@code e}, given the prefix before it. */
    public static long chain(long previous, LogEntry e) {
        return mix(previous * 0x9e3779b97f4a7c15L + content(e) + e.index() * 0x632be59bd9b4e019L + e.term());
    }

    /** SplitMix64's finalizer. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
