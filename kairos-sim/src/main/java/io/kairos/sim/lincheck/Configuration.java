package io.kairos.sim.lincheck;

import java.util.Arrays;

/**
 * A point of the search: which operations are linearized and the model state they lead to. Two
 * paths reaching equal configurations have the same future, so each is explored once (Lowe).
 *
 * <p>The linearized set is stored as {@code fullWords} words of ones followed by
 * {@code partialWords}, which neither starts with a full word nor ends with an empty one, so each
 * set has exactly one form.
 */
final class Configuration {

    private final int fullWords;
    private final long[] partialWords;
    private final long linearizedHash;
    private final Object state;
    private final int hash;

    Configuration(int fullWords, long[] partialWords, long linearizedHash, Object state) {
        this.fullWords = fullWords;
        this.partialWords = partialWords;
        this.linearizedHash = linearizedHash;
        this.state = state;
        this.hash = 31 * Long.hashCode(linearizedHash) + state.hashCode();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Configuration that
                && hash == that.hash
                && linearizedHash == that.linearizedHash
                && fullWords == that.fullWords
                && Arrays.equals(partialWords, that.partialWords)
                && state.equals(that.state);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
