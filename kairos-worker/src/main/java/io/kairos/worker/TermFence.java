package io.kairos.worker;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The largest Raft term seen in any master's answer. An answer with a smaller term comes from a
 * deposed leader (or a stale network path): it is ignored whole, so a dispatch from an older term
 * never runs and an older verdict never settles a report.
 */
final class TermFence {

    private static final Logger log = LoggerFactory.getLogger(TermFence.class);

    /** Invariant: never decreases. */
    private long highestTerm;

    private final AtomicLong staleAnswers = new AtomicLong();

    /** Records {@code term} and returns true, or returns false (and counts) if a larger term was seen. */
    synchronized boolean admit(long term, String what) {
        if (term < highestTerm) {
            long count = staleAnswers.incrementAndGet();
            log.warn("ignoring {} from term {}: term {} was already seen ({} stale answers so far)",
                    what, term, highestTerm, count);
            return false;
        }
        highestTerm = term;
        return true;
    }

    synchronized long highestTerm() {
        return highestTerm;
    }

    long staleAnswers() {
        return staleAnswers.get();
    }
}
