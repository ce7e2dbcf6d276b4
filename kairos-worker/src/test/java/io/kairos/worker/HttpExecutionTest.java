package io.kairos.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.kairos.api.worker.Dispatch;
import io.kairos.api.worker.Report;
import io.kairos.api.worker.Report.Outcome;
import io.kairos.api.worker.TaskSpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTP tasks against a real HTTP server. */
class HttpExecutionTest {

    @TempDir
    Path dir;

    private HttpServer server;
    private final ExecutorService serverThreads = Executors.newCachedThreadPool();
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final AtomicReference<Headers> seenHeaders = new AtomicReference<>();
    private final AtomicReference<String> seenBody = new AtomicReference<>();
    private final CountDownLatch slowAnswerReleased = new CountDownLatch(1);
    private final CountDownLatch slowCallArrived = new CountDownLatch(1);
    private final List<Report> finished = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(serverThreads);
        server.createContext("/ok", exchange -> answer(exchange, 201, "x".repeat(5000) + "created"));
        server.createContext("/broken", exchange -> answer(exchange, 500, "database down"));
        server.createContext("/slow", exchange -> {
            slowCallArrived.countDown();
            try {
                slowAnswerReleased.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(exchange, 200, "too late");
        });
        server.start();
    }

    @AfterEach
    void stop() {
        slowAnswerReleased.countDown();
        server.stop(0);
        serverThreads.shutdownNow();
        pool.shutdownNow();
        timer.shutdownNow();
    }

    @Test
    void aTwoHundredSucceedsWithTheStatusAsExitCodeAndTheIdentityHeadersArrive() throws InterruptedException {
        Dispatch dispatch = new Dispatch(42, 3, "ping", 1_790_000_000_123L, 2, 5, Map.of(), 0,
                new TaskSpec.Http("POST", url("/ok"), Map.of("X-Token", "abc"), "{\"n\":1}"));

        AttemptResult result = execution(dispatch).run();

        assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(result.exitCode()).isEqualTo(201);
        assertThat(result.outputTail()).hasSize(4096).endsWith("xcreated");
        Headers headers = seenHeaders.get();
        assertThat(headers.getFirst("Kairos-Job-Id")).isEqualTo("ping");
        assertThat(headers.getFirst("Kairos-Run-Id")).isEqualTo("42");
        assertThat(headers.getFirst("Kairos-Scheduled-Time")).isEqualTo("1790000000123");
        assertThat(headers.getFirst("Kairos-Attempt")).isEqualTo("3");
        assertThat(headers.getFirst("Kairos-Shard-Index")).isEqualTo("2");
        assertThat(headers.getFirst("Kairos-Shard-Total")).isEqualTo("5");
        assertThat(headers.getFirst("X-Token")).isEqualTo("abc");
        assertThat(seenBody.get()).isEqualTo("{\"n\":1}");
    }

    @Test
    void aFiveHundredFails() throws InterruptedException {
        AttemptResult result = execution(TestDispatches.of(1, 1, 0,
                new TaskSpec.Http("GET", url("/broken"), Map.of(), null))).run();

        assertThat(result).isEqualTo(new AttemptResult(Outcome.FAILED, 500, "database down"));
    }

    @Test
    void anUnreachableUrlFailsWithTheReason() throws InterruptedException {
        AttemptResult result = execution(TestDispatches.of(1, 1, 0,
                new TaskSpec.Http("GET", "http://127.0.0.1:1/nothing", Map.of(), null))).run();

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.exitCode()).isEqualTo(-1);
        assertThat(result.outputTail()).contains("GET http://127.0.0.1:1/nothing failed");
    }

    @Test
    void aCallSlowerThanTheTimeoutIsAbortedAndFails() throws InterruptedException {
        Dispatch dispatch = TestDispatches.of(5, 1, 500, new TaskSpec.Http("GET", url("/slow"), Map.of(), null));
        AttemptRun run = new AttemptRun(dispatch, execution(dispatch));

        run.start(pool, timer, finished::add);
        slowCallArrived.await();

        await().atMost(Duration.ofSeconds(10)).until(() -> run.ended().isDone());
        assertThat(finished).singleElement().satisfies(report -> {
            assertThat(report.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(report.exitCode()).isEqualTo(-1);
            assertThat(report.outputTail()).contains("timed out after 500 ms");
        });
    }

    private Execution execution(Dispatch dispatch) {
        WorkerConfig config = WorkerConfig.builder("w1", List.of(URI.create("http://127.0.0.1:1")))
                .dataDir(dir).build();
        return new TaskLauncher(config, Map.of()).prepare(dispatch);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private void answer(HttpExchange exchange, int status, String body) throws IOException {
        try (exchange) {
            seenHeaders.set(exchange.getRequestHeaders());
            seenBody.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }
}
