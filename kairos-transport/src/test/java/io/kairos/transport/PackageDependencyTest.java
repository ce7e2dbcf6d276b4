package io.kairos.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The transport points towards the core, as ARCHITECTURE.md says: it may use the core's messages
 * and storage's snapshot chunks and entry codec, never the server, the scheduler or storage's log
 * internals. A source scan, because ArchUnit is not a dependency here.
 */
class PackageDependencyTest {

    private static final Path SOURCES = Path.of("src/main/java/io/kairos/transport");

    @Test
    void theTransportImportsOnlyTheCoreAndStoragesSnapshotAndEntryCodec() throws IOException {
        assertThat(kairosImports()).allMatch(i -> i.startsWith("io.kairos.raft.")
                || i.startsWith("io.kairos.storage.snapshot.") || i.equals("io.kairos.storage.wal.LogEntryCodec")
                || i.startsWith("io.kairos.transport."));
    }

    @Test
    void noJavaSerializationOnTheWire() throws IOException {
        assertThat(imports()).noneMatch(i -> i.startsWith("java.io.ObjectInputStream")
                || i.startsWith("java.io.ObjectOutputStream"));
    }

    private static List<String> kairosImports() throws IOException {
        return imports().stream().filter(i -> i.startsWith("io.kairos")).toList();
    }

    private static List<String> imports() throws IOException {
        try (Stream<Path> files = Files.list(SOURCES)) {
            return files.filter(f -> f.toString().endsWith(".java"))
                    .flatMap(PackageDependencyTest::lines)
                    .filter(line -> line.startsWith("import "))
                    .map(line -> line.substring("import ".length()).replace("static ", "").replace(";", ""))
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
