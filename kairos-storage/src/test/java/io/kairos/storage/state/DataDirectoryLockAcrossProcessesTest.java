package io.kairos.storage.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.kairos.raft.NodeId;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lock's real purpose: a second process, not just a second open in this JVM, is kept out. */
class DataDirectoryLockAcrossProcessesTest {

    @TempDir
    Path dir;

    @Test
    void anotherProcessCannotOpenTheDirectoryWhileThisOneHoldsIt() throws Exception {
        try (DataDirectory held = DataDirectory.open(dir, NodeId.of(1), "prod")) {
            assertThat(held.path()).isEqualTo(dir);
            Probe probe = runProbe();
            assertThat(probe.exitCode()).isEqualTo(LockProbe.LOCKED);
            assertThat(probe.output()).contains(dir.toString()).contains("another process holds");
        }
    }

    @Test
    void anotherProcessCanOpenTheDirectoryOnceThisOneClosedIt() throws Exception {
        DataDirectory.open(dir, NodeId.of(1), "prod").close();
        assertThat(runProbe().exitCode()).isEqualTo(LockProbe.OPENED);
    }

    private record Probe(int exitCode, String output) {
    }

    private Probe runProbe() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                LockProbe.class.getName(), dir.toString()))
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File(nullDevice())))
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Probe(process.waitFor(), output);
    }

    private static String nullDevice() {
        return System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null";
    }
}
