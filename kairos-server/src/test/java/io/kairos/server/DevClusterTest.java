package io.kairos.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kairos dev}: three masters in one process that serve writes, and keep their data across restarts. */
class DevClusterTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

    @TempDir
    Path dir;

    @Test
    void theDevClusterServesWritesAndKeepsThemAcrossARestart() throws Exception {
        int api = LocalCluster.freeBlockOfThree(-1);
        int raft = LocalCluster.freeBlockOfThree(api);
        List<String> fatal = new ArrayList<>();
        try (DevCluster cluster = DevCluster.start(dir, api, raft, (what, cause) -> fatal.add(what))) {
            String url = "http://127.0.0.1:" + (api + 1) + "/v1/kv/greeting";
            await().atMost(Duration.ofSeconds(60)).until(() -> send("PUT", url, "hello").statusCode() == 200);
            // The sample job runs on the in-process worker as a real shell command within seconds.
            String runs = "http://127.0.0.1:" + api + "/v1/jobs/" + DevCluster.SAMPLE_JOB + "/runs";
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(send("GET", runs, null).body())
                    .contains("\"state\":\"SUCCEEDED\"").contains("hello from hello, scheduled at ")
                    .contains("\"workerId\":\"dev-worker\""));
        }
        try (DevCluster cluster = DevCluster.start(dir, api, raft, (what, cause) -> fatal.add(what))) {
            // A restarted cluster elects anew; until then the read gets a 503 from the server's own
            // request timeout (5 s), which the client waits for rather than timing out first.
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(send("GET", "http://127.0.0.1:" + api + "/v1/kv/greeting", null).body()).isEqualTo("hello"));
        }
        assertThat(fatal).isEmpty();
    }

    private static HttpResponse<String> send(String method, String url, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(15))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
