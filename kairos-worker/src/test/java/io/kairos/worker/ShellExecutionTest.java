package io.kairos.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kairos.api.worker.Dispatch;
import io.kairos.api.worker.Report;
import io.kairos.api.worker.Report.Outcome;
import io.kairos.api.worker.TaskSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shell tasks as real child processes. */
class ShellExecutionTest {

    private static final Duration GRACE = Duration.ofMillis(300);

    /**
     * Ignores SIGTERM and forks three children that ignore it too and fork a sleeper each; every PID
     * goes to $PIDS (7 in all), then $READY appears.
     */
    private static final String STUBBORN = String.join("\n",
            "trap '' TERM",
            "for i in 1 2 3; do",
            "  bash -c 'trap \"\" TERM; sleep 600 & echo $! >> \"$PIDS\"; while true; do sleep 0.2; done' &",
            "  echo $! >> \"$PIDS\"",
            "done",
            "echo $$ >> \"$PIDS\"",
            "while [ \"$(wc -l < \"$PIDS\")\" -lt 7 ]; do sleep 0.05; done",
            "touch \"$READY\"",
            "echo stubborn is running",
            "while true; do sleep 0.2; done");

    @TempDir
    Path dir;

    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<Report> finished = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopThreads() {
        pool.shutdownNow();
        timer.shutdownNow();
    }

    @Test
    void cancelKillsTheWholeTreeEvenWhenItTrapsSigtermAndForks() throws IOException {
        AttemptRun run = start(stubborn(0));
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(dir.resolve("ready")));
        List<Long> pids = pids();
        assertThat(pids).hasSize(7).allMatch(ShellExecutionTest::running);

        run.stop();

        await().atMost(Duration.ofSeconds(20)).until(() -> run.ended().isDone());
        assertThat(pids).noneMatch(ShellExecutionTest::running);
    }

    @Test
    void timeoutKillsTheWholeTreeAndReportsFailedWithANote() throws IOException {
        AttemptRun run = start(stubborn(1_500));
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(dir.resolve("ready")));
        List<Long> pids = pids();

        await().atMost(Duration.ofSeconds(20)).until(() -> run.ended().isDone());

        assertThat(pids).hasSize(7).noneMatch(ShellExecutionTest::running);
        assertThat(finished).singleElement().satisfies(report -> {
            assertThat(report.kind()).isEqualTo(Report.Kind.FINISHED);
            assertThat(report.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(report.exitCode()).isEqualTo(-1);
            assertThat(report.outputTail()).contains("stubborn is running")
                    .endsWith("[kairos] timed out after 1500 ms; the attempt was stopped");
        });
    }

    @Test
    void theAttemptsIdentityAndParamsReachTheProcessAndItsOwnEnvCannotFakeThem() throws IOException, InterruptedException {
        Path workDir = Files.createDirectory(dir.resolve("work"));
        Dispatch dispatch = new Dispatch(42, 3, "nightly-report", 1_790_000_000_123L, 1, 4,
                Map.of("batch-size", "10", "region", "eu west"), 0,
                new TaskSpec.Shell(List.of("bash", "-c", "pwd; env | grep -E '^(KAIROS_|MY_)' | sort"),
                        workDir.toString(), Map.of("MY_SETTING", "on", "KAIROS_ATTEMPT", "99")));

        AttemptResult result = execution(dispatch).run();

        assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(result.outputTail().lines()).containsSubsequence(
                workDir.toRealPath().toString(),
                "KAIROS_ATTEMPT=3",
                "KAIROS_JOB_ID=nightly-report",
                "KAIROS_PARAM_BATCH_SIZE=10",
                "KAIROS_PARAM_REGION=eu west",
                "KAIROS_RUN_ID=42",
                "KAIROS_SCHEDULED_TIME=1790000000123",
                "KAIROS_SHARD_INDEX=1",
                "KAIROS_SHARD_TOTAL=4",
                "MY_SETTING=on");
    }

    @Test
    void processesAJobLeavesBehindEndWithItsAttempt() throws IOException, InterruptedException {
        Path pidFile = dir.resolve("background.pid");
        Dispatch dispatch = TestDispatches.bash(3, 1, 0, "sleep 600 & echo $! > " + pidFile + "; echo left one");

        AttemptResult result = execution(dispatch).run();

        assertThat(result).isEqualTo(new AttemptResult(Outcome.SUCCEEDED, 0, "left one\n"));
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        await().atMost(Duration.ofSeconds(10)).until(() -> !running(pid));
    }

    @Test
    void exitCodeZeroSucceedsAndAnyOtherFails() throws InterruptedException {
        AttemptResult ok = execution(TestDispatches.bash(1, 1, 0, "echo fine")).run();
        AttemptResult bad = execution(TestDispatches.bash(2, 1, 0, "echo broken >&2; exit 3")).run();

        assertThat(ok).isEqualTo(new AttemptResult(Outcome.SUCCEEDED, 0, "fine\n"));
        assertThat(bad).isEqualTo(new AttemptResult(Outcome.FAILED, 3, "broken\n"));
    }

    @Test
    void aCommandThatCannotStartFailsWithTheReason() throws InterruptedException {
        Dispatch dispatch = TestDispatches.of(1, 1, 0,
                new TaskSpec.Shell(List.of("/no/such/program"), "", Map.of()));

        AttemptResult result = execution(dispatch).run();

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.outputTail()).contains("/no/such/program");
    }

    @Test
    void theTailIsTheLast4096CharactersAndTheLogFileHoldsEverything() throws IOException, InterruptedException {
        Dispatch dispatch = TestDispatches.bash(7, 2, 0, "for i in $(seq 1 5000); do echo \"line $i\"; done");

        AttemptResult result = execution(dispatch).run();

        assertThat(result.outputTail()).hasSize(4096).endsWith("line 4999\nline 5000\n");
        String log = Files.readString(dir.resolve("logs").resolve("7-2.log"));
        assertThat(log).startsWith("line 1\nline 2\n").endsWith(result.outputTail());
        assertThat(log.lines()).hasSize(5000);
    }

    private Dispatch stubborn(long timeoutMillis) {
        return TestDispatches.of(9, 1, timeoutMillis, new TaskSpec.Shell(List.of("bash", "-c", STUBBORN), "",
                Map.of("PIDS", dir.resolve("pids").toString(), "READY", dir.resolve("ready").toString())));
    }

    private AttemptRun start(Dispatch dispatch) {
        AttemptRun run = new AttemptRun(dispatch, execution(dispatch));
        run.start(pool, timer, finished::add);
        return run;
    }

    private Execution execution(Dispatch dispatch) {
        WorkerConfig config = WorkerConfig.builder("w1", List.of(java.net.URI.create("http://127.0.0.1:1")))
                .shellEnabled(true).dataDir(dir).killGrace(GRACE).build();
        return new TaskLauncher(config, Map.of()).prepare(dispatch);
    }

    private List<Long> pids() throws IOException {
        return Files.readAllLines(dir.resolve("pids")).stream().map(String::strip).map(Long::parseLong).toList();
    }

    /** Alive and not a zombie: a zombie has ended, whoever is (or is not) going to reap it. */
    static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }
}
