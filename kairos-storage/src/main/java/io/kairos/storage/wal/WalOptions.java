package io.kairos.storage.wal;

/**
 * Settings of a {@link WriteAheadLog}.
 *
 * @param maxSegmentBytes size at which the log starts a new segment file; a segment always holds
 *     at least one record, so a single record larger than this makes a larger segment
 */
public record WalOptions(long maxSegmentBytes) {

    public static final long DEFAULT_MAX_SEGMENT_BYTES = 64L * 1024 * 1024;

    public WalOptions {
        if (maxSegmentBytes <= SegmentHeader.BYTES) {
            throw new IllegalArgumentException(
                    "maxSegmentBytes must exceed the " + SegmentHeader.BYTES + "-byte header, got " + maxSegmentBytes);
        }
    }

    public static WalOptions defaults() {
        return new WalOptions(DEFAULT_MAX_SEGMENT_BYTES);
    }
}
