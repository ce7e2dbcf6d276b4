package io.kairos.storage.state;

import io.kairos.raft.NodeId;
import java.nio.file.Path;

/**
 * A second process for {@link DataDirectoryLockAcrossProcessesTest}: tries to open the directory
 * given as its argument and reports the outcome on stdout and in its exit code.
 */
final class LockProbe {

    static final int OPENED = 0;
    static final int LOCKED = 3;

    private LockProbe() {
    }

    public static void main(String[] args) throws Exception {
        try (DataDirectory data = DataDirectory.open(Path.of(args[0]), NodeId.of(1), "prod")) {
            System.out.println("opened " + data.path());
            System.exit(OPENED);
        } catch (DataDirectoryLockedException e) {
            System.out.println(e.getMessage());
            System.exit(LOCKED);
        }
    }
}
