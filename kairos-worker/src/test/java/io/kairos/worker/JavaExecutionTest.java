package io.kairos.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kairos.api.worker.Dispatch;
import io.kairos.api.worker.Report;
import io.kairos.api.worker.Report.Outcome;
import io.kairos.api.worker.TaskSpec;
import java.io.IOException;
import java.net.URI;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Java handlers found through ServiceLoader, as the worker finds them. */
class JavaExecutionTest {

    @TempDir
    Path dir;

    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<Report> finished = new CopyOnWriteArrayList<>();
    @BeforeEach
    void reset() {
        TestHandlers.reset();
    }

    @AfterEach
    void stopThreads() {
        pool.shutdownNow();
        timer.shutdownNow();
    }

    @Test
    void serviceLoaderFindsTheBuiltInNoopAndTheTestsHandlers() {
        WorkerAgent agent = new WorkerAgent(config());

        assertThat(agent.handlerNames()).containsExactlyInAnyOrder("noop", "record", "fail", "block", "gate");
    }

    @Test
    void aHandlerThatReturnsSucceedsWithItsLinesInTheTailAndTheLogFile() throws InterruptedException, IOException {
        Dispatch dispatch = new Dispatch(8, 2, "etl", 1L, 1, 3, Map.of("day", "monday"), 0, new TaskSpec.Java("record"));

        AttemptResult result = launcher().prepare(dispatch).run();

        assertThat(result).isEqualTo(new AttemptResult(Outcome.SUCCEEDED, 0, "job etl shard 1/3 params {day=monday}\n"));
        assertThat(TestHandlers.runs).containsExactly("8/2");
        assertThat(Files.readString(dir.resolve("logs").resolve("8-2.log"))).isEqualTo(result.outputTail());
    }

    @Test
    void aHandlerThatThrowsFailsWithTheException() throws InterruptedException {
        AttemptResult result = launcher().prepare(TestDispatches.java(1, 1, "fail")).run();

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.outputTail()).startsWith("about to fail\n")
                .contains("java.lang.IllegalStateException: the database is on fire\n\tat io.kairos.worker.TestHandlers$Fail.run");
    }

    @Test
    void cancelInterruptsTheHandlerAndSetsIsCancelled() {
        Dispatch dispatch = TestDispatches.java(3, 1, "block");
        AttemptRun run = new AttemptRun(dispatch, launcher().prepare(dispatch));
        run.start(pool, timer, finished::add);
        await().until(() -> TestHandlers.runs.contains("3/1"));

        run.stop();

        await().atMost(Duration.ofSeconds(10)).until(() -> run.ended().isDone());
        assertThat(TestHandlers.interrupted).containsExactly("3/1 cancelled=true");
    }

    @Test
    void aTimeoutInterruptsTheHandlerAndFailsTheAttempt() {
        Dispatch dispatch = TestDispatches.of(4, 1, 300, new TaskSpec.Java("block"));
        AttemptRun run = new AttemptRun(dispatch, launcher().prepare(dispatch));

        run.start(pool, timer, finished::add);

        await().atMost(Duration.ofSeconds(10)).until(() -> run.ended().isDone());
        assertThat(TestHandlers.interrupted).containsExactly("4/1 cancelled=true");
        assertThat(finished).singleElement().satisfies(report -> {
            assertThat(report.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(report.outputTail()).endsWith("[kairos] timed out after 300 ms; the attempt was stopped");
        });
    }

    @Test
    void anUnknownHandlerFailsNamingTheOnesThereAre() throws InterruptedException {
        AttemptResult result = launcher().prepare(TestDispatches.java(1, 1, "x")).run();

        assertThat(result).isEqualTo(new AttemptResult(Outcome.FAILED, -1,
                "no Java handler named 'x' on worker w1; it has: block, fail, gate, noop, record"));
    }

    @Test
    void theBuiltInNoopSucceedsAtOnce() throws InterruptedException {
        AttemptResult result = launcher().prepare(TestDispatches.java(1, 1, "noop")).run();

        assertThat(result).isEqualTo(new AttemptResult(Outcome.SUCCEEDED, 0, ""));
    }

    private WorkerConfig config() {
        return WorkerConfig.builder("w1", List.of(URI.create("http://127.0.0.1:1"))).dataDir(dir).build();
    }

    private TaskLauncher launcher() {
        return new TaskLauncher(config(), WorkerAgent.handlersOf(config()));
    }
}
