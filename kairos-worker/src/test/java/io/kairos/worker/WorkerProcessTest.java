package io.kairos.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kairos.api.worker.Report;
import io.kairos.api.worker.Report.Outcome;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kairos worker} as a real process: SIGTERM drains it. */
class WorkerProcessTest {

    @TempDir
    Path dir;

    private FakeMaster master;
    private Process worker;

    @BeforeEach
    void startMaster() throws Exception {
        master = new FakeMaster();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (worker != null && worker.isAlive()) {
            worker.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        master.close();
    }

    @Test
    void sigtermLetsTheRunningShellJobFinishAndBeReportedThenDeregisters() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The shipped logging configuration (INFO), not the tests' (WARN): the steps are asserted below.
        String logging = "-Dlogback.configurationFile=" + Path.of("target", "classes", "logback.xml").toAbsolutePath();
        worker = new ProcessBuilder(java, logging, "-cp", System.getProperty("java.class.path"), WorkerMain.class.getName(),
                "--masters", master.url().toString(), "--id", "proc-1", "--enable-shell",
                "--data-dir", dir.toString(), "--drain-timeout", "20s")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("worker.out").toFile())
                .start();
        master.dispatch(TestDispatches.bash(1, 1, 0, "sleep 1; echo finished cleanly"));
        await().atMost(Duration.ofSeconds(30)).until(() -> master.appliedOf(1).size() == 1);

        worker.destroy(); // SIGTERM

        assertThat(worker.waitFor(30, TimeUnit.SECONDS)).as("exited; output in %s", dir).isTrue();
        assertThat(worker.exitValue()).isEqualTo(143); // 128 + SIGTERM, after the hook drained
        List<Report> reports = master.appliedOf(1);
        assertThat(reports).hasSize(2);
        assertThat(reports.get(1).outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(reports.get(1).outputTail()).isEqualTo("finished cleanly\n");
        assertThat(master.events).containsSubsequence("report FINISHED 1/1", "deregister");
        assertThat(master.registrations).singleElement()
                .satisfies(r -> assertThat(r.tags()).containsExactly("kairos.shell"));
        assertThat(dir.resolve("logs").resolve("1-1.log").toFile()).exists();
        assertThat(new File(dir.toFile(), "worker.out")).content()
                .containsSubsequence("stop signal received", "draining", "drained", "deregistered", "stopped");
    }
}
