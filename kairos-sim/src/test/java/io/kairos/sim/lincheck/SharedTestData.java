package io.kairos.sim.lincheck;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the project's shared test data, which lives beside the repository and is never copied
 * into it: the {@code kairos.shared} system property (set by the parent POM's Surefire
 * configuration), or else the first {@code shared/testdata} found walking up from the working
 * directory.
 */
final class SharedTestData {

    private SharedTestData() {
    }

    /** The linearizability test vectors: {@code jepsen-etcd/} and {@code kv/}. */
    static Path linearizability() {
        return testdata().resolve("linearizability");
    }

    private static Path testdata() {
        String configured = System.getProperty("kairos.shared");
        if (configured != null && Files.isDirectory(Path.of(configured, "testdata"))) {
            return Path.of(configured, "testdata").normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("testdata");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no shared/testdata: set -Dkairos.shared=DIR (now " + configured
                + ") or run from inside a checkout next to the shared directory");
    }
}
