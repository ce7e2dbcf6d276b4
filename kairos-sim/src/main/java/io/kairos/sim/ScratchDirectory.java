package io.kairos.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A run's files: a fresh directory per seed, deleted when the run ends. On Linux it goes to the
 * memory file system {@code /dev/shm} when there is one, so that the storage's fsyncs cost
 * nothing; what survives a simulated crash is decided by the disk model, not by the kernel.
 */
record ScratchDirectory(Path path) {

    private static final Path SHARED_MEMORY = Path.of("/dev/shm");

    static ScratchDirectory create(long seed) {
        Path parent = Files.isDirectory(SHARED_MEMORY) && Files.isWritable(SHARED_MEMORY)
                ? SHARED_MEMORY : Path.of(System.getProperty("java.io.tmpdir"));
        try {
            return new ScratchDirectory(Files.createTempDirectory(parent, "kairos-sim-" + seed + "-"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch directory under " + parent, e);
        }
    }

    void delete() {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the scratch directory " + path, e);
        }
    }
}
