package io.kairos.storage.wal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;

/**
 * How the log opens its segment files and its directory. The only seam below the log: tests wrap
 * the returned channels to tear writes, flip bits or fail {@code force}.
 */
@FunctionalInterface
interface SegmentChannels {

    /** Real files through {@link FileChannel#open}. */
    SegmentChannels FILES = FileChannel::open;

    FileChannel open(Path path, OpenOption... options) throws IOException;
}
