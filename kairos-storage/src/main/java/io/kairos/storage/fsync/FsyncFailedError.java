package io.kairos.storage.fsync;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An fsync failed. This is an {@link Error}, not an {@link IOException}, on purpose: after a failed
 * fsync the kernel may have dropped the dirty pages and cleared the error, so a retry can "succeed"
 * without the data being on disk. The only safe reaction is to stop the node and recover from what
 * the disk really holds.
 */
public final class FsyncFailedError extends Error {

    private static final long serialVersionUID = 1L;

    FsyncFailedError(Path path, IOException cause) {
        super("fsync of " + path + " failed; stopping, because retrying an fsync is not safe. "
                + "Check the disk, then restart the node so it recovers from what is on disk", cause);
    }
}
