package io.kairos.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.kairos.raft.NodeId;
import io.kairos.storage.SnapshotTrigger;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad request gets a precise answer, and the master keeps serving. */
class ApiErrorsTest {

    @TempDir
    Path dir;

    private LocalCluster cluster;

    @AfterEach
    void tearDown() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void badRequestsAreRefusedPreciselyAndTheNodeKeepsServing() throws Exception {
        cluster = new LocalCluster(dir, 1, SnapshotTrigger.Policy.defaults());
        cluster.startAll();
        NodeId leader = cluster.awaitLeader();
        String base = cluster.apiUrl(leader);

        assertError(send("PUT", base + "/v1/kv/a/b", "x", null, null), 400, "invalid_key");
        assertError(send("PUT", base + "/v1/kv/k", "x", "7", null), 400, "invalid_request");
        assertError(send("PUT", base + "/v1/kv/k", "x", "seven", "1"), 400, "invalid_request");
        assertError(send("PUT", base + "/v1/kv/k", "x", "-1", "1"), 400, "invalid_request");
        HttpResponse<String> delete = send("DELETE", base + "/v1/kv/k", null, null, null);
        assertError(delete, 405, "method_not_allowed");
        assertThat(delete.headers().firstValue("Allow")).hasValue("GET, PUT, POST");
        assertError(send("POST", base + "/v1/cluster", "x", null, null), 405, "method_not_allowed");
        assertError(send("GET", base + "/v2/anything", null, null, null), 404, "not_found");
        assertThat(send("PUT", base + "/v1/kv/big", "x".repeat(2 << 20), null, null).statusCode()).isEqualTo(413);

        // Garbage on the API port: the connection is closed, nothing else is affected.
        int port = URI.create(base).getPort();
        try (Socket garbage = new Socket("127.0.0.1", port)) {
            OutputStream out = garbage.getOutputStream();
            out.write(new byte[] {0, 1, 2, 3, (byte) 0xff, '\r', '\n', '\r', '\n'});
            out.flush();
            InputStream in = garbage.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answer).startsWith("HTTP/1.1 400");
        }

        assertThat(send("PUT", base + "/v1/kv/k", "still here", null, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", base + "/v1/kv/k", null, null, null).body()).isEqualTo("still here");
    }

    @Test
    void aWriteWithoutAQuorumGetsA503WithARetryHintInsteadOfHanging() throws Exception {
        cluster = new LocalCluster(dir, 3, SnapshotTrigger.Policy.defaults());
        cluster.startAll();
        NodeId leader = cluster.awaitLeader();
        for (NodeId id : cluster.ids()) {
            if (!id.equals(leader)) {
                cluster.stop(id);
            }
        }
        long start = System.nanoTime();
        HttpResponse<String> put = send("PUT", cluster.apiUrl(leader) + "/v1/kv/k", "v", null, null);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(put.statusCode()).isEqualTo(503);
        assertThat(put.body()).containsAnyOf("\"timeout\"", "\"no_leader\"");
        assertThat(put.headers().firstValue("Retry-After")).isPresent();
        assertThat(millis).as("answered within the request timeout, not left hanging").isLessThan(10_000);
    }

    @Test
    void aFloodOfWritesIsAnsweredBusyBeyondTheQueueAndTheLeaderKeepsLeading() throws Exception {
        cluster = new LocalCluster(dir, 3, SnapshotTrigger.Policy.defaults()).withInboxCapacity(8);
        cluster.startAll();
        NodeId leader = cluster.awaitLeader();
        long term = cluster.status(leader).term();
        String url = cluster.apiUrl(leader) + "/v1/kv/flood";

        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            answers.add(Http.CLIENT.sendAsync(HttpRequest.newBuilder(URI.create(url))
                    .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString()));
        }
        int ok = 0;
        int busy = 0;
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            HttpResponse<String> r = answer.get(30, TimeUnit.SECONDS);
            if (r.statusCode() == 200) {
                ok++;
            } else {
                assertError(r, 503, "busy");
                assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
                busy++;
            }
        }
        assertThat(ok + busy).isEqualTo(400);
        assertThat(busy).as("some writes found the queue full").isPositive();
        assertThat(ok).as("and the others went through").isPositive();
        assertThat(send("GET", url, null, null, null).body()).hasSize(ok);
        assertThat(cluster.awaitLeader()).isEqualTo(leader);
        assertThat(cluster.status(leader).term()).as("no step-down, no election").isEqualTo(term);
    }

    private static void assertError(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).contains("\"error\":\"" + code + "\"", "\"message\":");
    }

    private static HttpResponse<String> send(String method, String url, String body, String client, String sequence)
            throws Exception {
        return client == null && sequence == null ? Http.send(method, url, body)
                : client == null ? Http.send(method, url, body, "Kairos-Sequence", sequence)
                : sequence == null ? Http.send(method, url, body, "Kairos-Client-Id", client)
                : Http.send(method, url, body, "Kairos-Client-Id", client, "Kairos-Sequence", sequence);
    }
}
