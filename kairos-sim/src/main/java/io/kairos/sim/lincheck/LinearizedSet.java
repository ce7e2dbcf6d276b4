package io.kairos.sim.lincheck;

import java.util.Arrays;

/**
 * The set of operations linearized on the search path, as a bitset over operation ids with a hash
 * kept up to date on every change.
 *
 * <p>Ids follow call order, so the set is nearly always a run of whole words of ones followed by
 * a few partly filled words; a {@link Configuration} stores only those few words, which keeps
 * memoization cheap on long histories.
 */
final class LinearizedSet {

    private final long[] words;

    /** A lower bound on the number of leading words whose bits are all set. */
    private int fullWords;

    /** An upper bound on the index of the last non-zero word, plus one. */
    private int usedWords;

    /** XOR of {@link #bitHash} over the members; independent of the order they were added in. */
    private long hash;

    LinearizedSet(int size) {
        words = new long[(size + Long.SIZE - 1) / Long.SIZE];
    }

    void add(int id) {
        int word = id >>> 6;
        words[word] |= 1L << id;
        hash ^= bitHash(id);
        usedWords = Math.max(usedWords, word + 1);
        while (fullWords < words.length && words[fullWords] == -1L) {
            fullWords++;
        }
    }

    void remove(int id) {
        int word = id >>> 6;
        words[word] &= ~(1L << id);
        hash ^= bitHash(id);
        fullWords = Math.min(fullWords, word);
    }

    /** The configuration reached by linearizing {@code id}, not yet a member, into {@code state}. */
    Configuration configurationWith(int id, Object state) {
        int word = id >>> 6;
        int from = Math.min(fullWords, word);
        long[] partial = Arrays.copyOfRange(words, from, Math.max(usedWords, word + 1));
        partial[word - from] |= 1L << id;
        // Trim to the canonical form, so that equal sets give equal configurations.
        int start = 0;
        while (start < partial.length && partial[start] == -1L) {
            start++;
        }
        int end = partial.length;
        while (end > start && partial[end - 1] == 0) {
            end--;
        }
        if (start > 0 || end < partial.length) {
            partial = Arrays.copyOfRange(partial, start, end);
        }
        return new Configuration(from + start, partial, hash ^ bitHash(id), state);
    }

    // SplitMix64's finalizer: spreads consecutive ids over all 64 bits.
    private static long bitHash(int id) {
        long z = (id + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
