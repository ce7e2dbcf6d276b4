package io.kairos.raft;

/**
 * Where a snapshot stands in the log.
 *
 * @param index the last index the snapshot includes
 * @param term the term of the entry at {@code index}
 * @param membership the configuration committed as of {@code index}
 */
public record SnapshotMeta(long index, long term, Membership membership) {

    public SnapshotMeta {
        if (index < 0 || term < 0 || (index == 0) != (term == 0)) {
            throw new IllegalArgumentException("invalid snapshot position " + index + "@" + term);
        }
        if (membership == null) {
            throw new IllegalArgumentException("membership must not be null");
        }
    }
}
