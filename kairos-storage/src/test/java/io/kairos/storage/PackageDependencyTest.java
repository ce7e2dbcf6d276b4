package io.kairos.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The storage packages stay independent of one another, as their package-info says: the data
 * directory does not know snapshots, snapshots do not know the data directory, neither knows the
 * WAL, and only {@code fsync} is shared. A source scan, because ArchUnit is not a dependency here.
 */
class PackageDependencyTest {

    private static final Path SOURCES = Path.of("src/main/java/io/kairos/storage");

    @Test
    void theStatePackageDependsOnNeitherSnapshotsNorTheWal() throws IOException {
        assertThat(importsOf("state")).noneMatch(i -> i.startsWith("io.kairos.storage.snapshot")
                || i.startsWith("io.kairos.storage.wal"));
    }

    @Test
    void theSnapshotPackageDependsOnNeitherTheDataDirectoryNorTheWal() throws IOException {
        assertThat(importsOf("snapshot")).noneMatch(i -> i.startsWith("io.kairos.storage.state")
                || i.startsWith("io.kairos.storage.wal"));
    }

    @Test
    void theFsyncPackageDependsOnNothingOfKairos() throws IOException {
        assertThat(importsOf("fsync")).noneMatch(i -> i.startsWith("io.kairos"));
    }

    private static List<String> importsOf(String pkg) throws IOException {
        Path dir = SOURCES.resolve(pkg);
        assertThat(dir).isDirectory();
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".java"))
                    .flatMap(PackageDependencyTest::lines)
                    .filter(line -> line.startsWith("import "))
                    .map(line -> line.substring("import ".length()).replace("static ", ""))
                    .toList();
        }
    }

    private static Stream<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
