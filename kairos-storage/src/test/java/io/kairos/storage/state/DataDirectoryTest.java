package io.kairos.storage.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kairos.raft.NodeId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {

    private static final NodeId N1 = NodeId.of(1);

    @TempDir
    Path root;

    @Test
    void firstOpenCreatesTheLayoutAndRecordsOwner() throws Exception {
        Path dir = root.resolve("node1");
        try (DataDirectory data = DataDirectory.open(dir, N1, "prod")) {
            assertThat(data.walDirectory()).isDirectory().isEqualTo(dir.resolve("wal"));
            assertThat(data.snapshotDirectory()).isDirectory().isEqualTo(dir.resolve("snapshots"));
            assertThat(dir.resolve("FORMAT")).content(StandardCharsets.UTF_8)
                    .isEqualTo("kairos-data-format 1\nnode 1\ncluster prod\n");
            assertThat(data.node()).isEqualTo(N1);
            assertThat(data.clusterId()).isEqualTo("prod");
        }
    }

    @Test
    void aSecondOpenWhileTheFirstIsHeldFailsNamingTheDirectory() throws Exception {
        try (DataDirectory first = DataDirectory.open(root, N1, "prod")) {
            assertThat(first.node()).isEqualTo(N1);
            assertThatThrownBy(() -> DataDirectory.open(root, N1, "prod"))
                    .isInstanceOf(DataDirectoryLockedException.class)
                    .hasMessageContaining(root.toString())
                    .hasMessageContaining("another process holds");
        }
    }

    @Test
    void closingReleasesTheLockSoTheNodeCanReopenItsData() throws Exception {
        DataDirectory.open(root, N1, "prod").close();
        try (DataDirectory again = DataDirectory.open(root, N1, "prod")) {
            assertThat(again.node()).isEqualTo(N1);
        }
    }

    @Test
    void aDirectoryOfAnotherClusterIsRefused() throws Exception {
        DataDirectory.open(root, N1, "prod").close();
        assertThatThrownBy(() -> DataDirectory.open(root, N1, "staging"))
                .isInstanceOf(IncompatibleDataDirectoryException.class)
                .hasMessageContaining(root.toString())
                .hasMessageContaining("belongs to cluster 'prod', not to cluster 'staging'");
    }

    @Test
    void aDirectoryOfAnotherNodeIsRefused() throws Exception {
        DataDirectory.open(root, N1, "prod").close();
        assertThatThrownBy(() -> DataDirectory.open(root, NodeId.of(2), "prod"))
                .isInstanceOf(IncompatibleDataDirectoryException.class)
                .hasMessageContaining("belongs to node n1 of cluster 'prod', not to node n2");
    }

    @Test
    void aLayoutFromANewerKairosIsRefused() throws Exception {
        Files.writeString(root.resolve("FORMAT"), "kairos-data-format 2\nnode 1\ncluster prod\n");
        assertThatThrownBy(() -> DataDirectory.open(root, N1, "prod"))
                .isInstanceOf(IncompatibleDataDirectoryException.class)
                .hasMessageContaining("layout version 2")
                .hasMessageContaining("reads up to version 1");
    }

    @Test
    void anUnreadableFormatFileIsRefused() throws Exception {
        Files.writeString(root.resolve("FORMAT"), "hello\n");
        assertThatThrownBy(() -> DataDirectory.open(root, N1, "prod"))
                .isInstanceOf(IncompatibleDataDirectoryException.class)
                .hasMessageContaining("unreadable FORMAT");
    }

    @Test
    void aNonEmptyDirectoryWithoutFormatIsNotTakenOver() throws Exception {
        Files.writeString(root.resolve("important.txt"), "someone else's");
        assertThatThrownBy(() -> DataDirectory.open(root, N1, "prod"))
                .isInstanceOf(IncompatibleDataDirectoryException.class)
                .hasMessageContaining("[important.txt] but no FORMAT");
        assertThat(root.resolve("FORMAT")).doesNotExist();
    }

    @Test
    void aRefusedOpenDoesNotKeepTheLock() throws Exception {
        DataDirectory.open(root, N1, "prod").close();
        assertThatThrownBy(() -> DataDirectory.open(root, N1, "other"))
                .isInstanceOf(IncompatibleDataDirectoryException.class);
        DataDirectory.open(root, N1, "prod").close();
    }

    @Test
    void aClusterIdThatIsUnsafeInAFileIsRejected() {
        assertThatThrownBy(() -> DataDirectory.open(root, N1, "a b\nnode 2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cluster id must match");
    }

    @Test
    void theHardStateLivesInTheDirectory() throws Exception {
        try (DataDirectory data = DataDirectory.open(root, N1, "prod")) {
            assertThat(data.hardStateFile().path()).isEqualTo(root.resolve("hardstate"));
        }
    }
}
