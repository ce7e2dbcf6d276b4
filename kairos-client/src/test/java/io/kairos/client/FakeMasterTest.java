package io.kairos.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client against a scripted master (the JDK's HTTP server), to see exactly what it sends. */
class FakeMasterTest {

    /** One request as the fake master saw it. */
    record Seen(String method, String path, String clientId, String sequence, long atNanos) {
    }

    /** A scripted answer. */
    record Answer(int status, String body, String retryAfter) {
    }

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private HttpServer server;
    private KairosClient client;

    @AfterEach
    void tearDown() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.stop(0);
        }
        threads.shutdownNow();
    }

    @Test
    void aNonRetryableAnswerFailsAtOnceAfterOneRequest() {
        start(n -> new Answer(422, "{\"error\":\"refused\",\"message\":\"no\"}", null));

        assertThatThrownBy(() -> client.put("k", new byte[] {1}))
                .isInstanceOfSatisfying(KairosRequestException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.errorCode()).isEqualTo("refused");
                });
        assertThat(seen).hasSize(1);
    }

    @Test
    void aRetriedWriteKeepsItsSessionAndWaitsAsLongAsRetryAfterAsks() {
        start(n -> n == 0 ? new Answer(503, "{\"error\":\"busy\",\"message\":\"full\"}", "1")
                : new Answer(200, "{\"result\":\"duplicate\"}", null));

        client.append("k", new byte[] {1});

        assertThat(seen).hasSize(2);
        assertThat(seen.get(1).clientId()).isEqualTo(seen.get(0).clientId()).isNotNull();
        assertThat(seen.get(1).sequence()).isEqualTo(seen.get(0).sequence()).isNotNull();
        assertThat(seen.get(1).atNanos() - seen.get(0).atNanos()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(990));
    }

    @Test
    void writesInFlightTogetherUseDistinctClientIdsAndTheNextWritesOfAnIdUseHigherSequences() throws Exception {
        CountDownLatch allArrived = new CountDownLatch(8);
        start(n -> {
            allArrived.countDown();
            try {
                // Hold every answer until all eight writes are in flight at once.
                allArrived.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Answer(200, "{\"result\":\"applied\"}", null);
        });
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            writes.add(client.putAsync("k" + i, new byte[] {(byte) i}));
        }
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        client.put("again", new byte[] {9});

        List<String> firstIds = seen.subList(0, 8).stream().map(Seen::clientId).toList();
        assertThat(firstIds).doesNotHaveDuplicates();
        Seen again = seen.get(8);
        Seen earlier = seen.stream().filter(s -> s.clientId().equals(again.clientId())).findFirst().orElseThrow();
        assertThat(Long.parseLong(again.sequence())).isEqualTo(Long.parseLong(earlier.sequence()) + 1);
    }

    @Test
    void aRedirectIsFollowedByTheClientAndItsTargetRememberedAsTheLeader() throws IOException {
        HttpServer leader = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        List<String> leaderSaw = new CopyOnWriteArrayList<>();
        leader.createContext("/", exchange -> {
            leaderSaw.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath());
            respond(exchange, new Answer(200, "{\"result\":\"applied\"}", null));
        });
        leader.start();
        String leaderUrl = "http://127.0.0.1:" + leader.getAddress().getPort();
        try {
            start(n -> new Answer(307, "{\"error\":\"not_leader\",\"leaderUrl\":\"" + leaderUrl + "\"}",
                    null), leaderUrl);

            client.put("a b", new byte[] {1});
            client.put("c", new byte[] {2});

            assertThat(seen).as("the follower is asked once, then the leader directly").hasSize(1);
            assertThat(leaderSaw).containsExactly("PUT /v1/kv/a%20b", "PUT /v1/kv/c");
        } finally {
            leader.stop(0);
        }
    }

    @Test
    void whenNoMasterAnswersTheCallFailsAtItsDeadlineNamingEachMasterAndItsLastError() {
        URI dead1 = URI.create("http://127.0.0.1:" + freePort());
        URI dead2 = URI.create("http://127.0.0.1:" + freePort());
        client = KairosClient.builder().masters(dead1, dead2).requestTimeout(Duration.ofMillis(300))
                .deadline(Duration.ofMillis(1500)).build();

        assertThatThrownBy(() -> client.get("k"))
                .isInstanceOfSatisfying(KairosUnavailableException.class, e -> {
                    assertThat(e.lastErrorByMaster()).containsOnlyKeys(dead1, dead2);
                    assertThat(e.lastErrorByMaster().values()).allSatisfy(v -> assertThat(v).contains("connection failed"));
                })
                .hasMessageStartingWith("GET /v1/kv/k: no answer within 1500 ms")
                .hasMessageContainingAll(dead1 + " -> connection failed", dead2 + " -> connection failed", "quorum");
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void start(Function<Integer, Answer> script) {
        start(script, null);
    }

    private void start(Function<Integer, Answer> script, String redirectTo) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(threads);
        int[] count = new int[1];
        server.createContext("/", exchange -> {
            var h = exchange.getRequestHeaders();
            seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    h.getFirst("Kairos-Client-Id"), h.getFirst("Kairos-Sequence"), System.nanoTime()));
            int n;
            synchronized (count) {
                n = count[0]++;
            }
            Answer answer = script.apply(n);
            if (redirectTo != null) {
                exchange.getResponseHeaders().set("Location", redirectTo + exchange.getRequestURI().getRawPath());
            }
            respond(exchange, answer);
        });
        server.start();
        client = KairosClient.builder().masters(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .requestTimeout(Duration.ofSeconds(5)).deadline(Duration.ofSeconds(10)).build();
    }

    private static void respond(HttpExchange exchange, Answer answer) throws IOException {
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (answer.retryAfter() != null) {
            exchange.getResponseHeaders().set("Retry-After", answer.retryAfter());
        }
        exchange.sendResponseHeaders(answer.status(), body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
