package io.kairos.storage.fsync;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durability barriers the storage layer relies on. Every method either returns with the data
 * on stable storage or throws {@link FsyncFailedError}; none retries.
 */
public final class Fsync {

    private static final Logger log = LoggerFactory.getLogger(Fsync.class);

    private Fsync() {
    }

    /** Forces the channel's content and metadata to disk. */
    public static void force(FileChannel channel, Path path) {
        try {
            channel.force(true);
        } catch (IOException e) {
            throw new FsyncFailedError(path, e);
        }
    }

    /**
     * Forces a directory so that a rename or create inside it survives a power loss.
     *
     * <p>On Linux and macOS a directory opens for reading and {@code force} flushes its entries. On
     * Windows a directory cannot be opened as a {@link FileChannel}; there NTFS journals the rename
     * itself, so we log once at debug level and go on. A directory that opens but fails to force is
     * a failed fsync like any other.
     */
    public static void forceDirectory(Path dir) {
        FileChannel channel;
        try {
            channel = FileChannel.open(dir, StandardOpenOption.READ);
        } catch (IOException e) {
            log.debug("cannot open directory {} to force it ({}); relying on the file system to journal renames",
                    dir, e.toString());
            return;
        }
        try (channel) {
            force(channel, dir);
        } catch (IOException e) {
            // Only close() can land here; the force itself already succeeded.
            log.warn("closing directory {} after forcing it failed: {}", dir, e.toString());
        }
    }

    /**
     * Renames {@code source} over {@code target} atomically, then forces their directory. The
     * source must already be forced: the rename makes its content visible, not durable.
     *
     * @throws IOException if the file system cannot rename atomically or the rename fails
     */
    public static void replaceAtomically(Path source, Path target) throws IOException {
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(target.toAbsolutePath().getParent());
    }
}
