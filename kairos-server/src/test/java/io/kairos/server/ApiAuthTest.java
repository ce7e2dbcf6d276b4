package io.kairos.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kairos.raft.NodeId;
import io.kairos.server.config.ApiToken;
import io.kairos.server.config.ConfigException;
import io.kairos.server.config.ConfigFile;
import io.kairos.storage.SnapshotTrigger;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secure by default: no unauthenticated API off loopback, no default credentials, 401 without the token. */
class ApiAuthTest {

    static final String TOKEN = "0123456789abcdef0123456789abcdef";

    @TempDir
    Path dir;

    static String yaml(String apiBind, String extra) {
        return """
                node-id: 1
                cluster-id: c
                data-dir: data
                raft: { bind: 127.0.0.1:7001 }
                api: { bind: %s %s}
                members:
                  - { id: 1, raft: 127.0.0.1:7001, api: 127.0.0.1:8001 }
                """.formatted(apiBind, extra);
    }

    @Test
    void anApiOffLoopbackWithoutATokenIsRefusedAtStart() {
        assertThatThrownBy(() -> ConfigFile.parse(yaml("0.0.0.0:8001", ""), dir, "node.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("node.yaml: the API would listen on 0.0.0.0:8001 without authentication; give it a bearer"
                        + " token (api.token-file in the configuration, or --api-token-file) or bind it to 127.0.0.1");
        assertThat(ConfigFile.parse(yaml("127.0.0.1:8001", ""), dir, "node.yaml").apiToken()).isNull();
    }

    @Test
    void theTokenComesFromAFileAndMustNotBeGuessable() throws Exception {
        Files.writeString(dir.resolve("token"), TOKEN + "\n");
        assertThat(ConfigFile.parse(yaml("0.0.0.0:8001", ", token-file: token "), dir, "node.yaml").apiToken()
                .admits("Bearer " + TOKEN)).isTrue();
        Files.writeString(dir.resolve("short"), "secret\n");
        assertThatThrownBy(() -> ConfigFile.parse(yaml("0.0.0.0:8001", ", token-file: short "), dir, "node.yaml"))
                .hasMessageContaining("an API token must be at least 16 characters");
        assertThatThrownBy(() -> ConfigFile.parse(yaml("0.0.0.0:8001", ", token-file: missing "), dir, "node.yaml"))
                .hasMessageContaining("cannot read the API token file");
        assertThat(ApiToken.of(TOKEN).toString()).doesNotContain(TOKEN);
    }

    @Test
    void callsWithoutTheTokenGet401AndWithItAreServed() throws Exception {
        try (LocalCluster cluster = new LocalCluster(dir, 1, SnapshotTrigger.Policy.defaults())
                .withApiToken(ApiToken.of(TOKEN))) {
            cluster.startAll();
            NodeId leader = cluster.awaitLeader();
            String url = cluster.apiUrl(leader) + "/v1/jobs";
            HttpResponse<String> none = Http.send("GET", url, null);
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"kairos\"");
            assertThat(none.body()).contains("\"error\":\"unauthenticated\"");
            HttpResponse<String> wrong = Http.send("GET", url, null, "Authorization", "Bearer " + TOKEN + "x");
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(wrong.body()).contains("the bearer token is not this cluster's");
            assertThat(Http.send("POST", cluster.apiUrl(leader) + "/v1/workers/register",
                    "{\"workerId\":\"w\",\"tags\":[],\"capacity\":1}").statusCode()).as("workers too").isEqualTo(401);
            HttpResponse<String> ok = Http.send("GET", url, null, "Authorization", "Bearer " + TOKEN);
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).isEqualTo("[]");
        }
    }

    @Test
    void aFollowerForwardsTheCallersTokenWithTheWrite() throws Exception {
        try (LocalCluster cluster = new LocalCluster(dir, 3, SnapshotTrigger.Policy.defaults())
                .withApiToken(ApiToken.of(TOKEN))) {
            cluster.startAll();
            NodeId leader = cluster.awaitLeader();
            NodeId follower = cluster.ids().stream().filter(id -> !id.equals(leader)).findFirst().orElseThrow();
            String job = "{\"jobId\":\"j\",\"spec\":{\"schedule\":{\"type\":\"onDemand\"},"
                    + "\"task\":{\"type\":\"java\",\"handler\":\"noop\"}}}";
            String url = cluster.apiUrl(follower) + "/v1/jobs";
            assertThat(Http.send("POST", url, job).statusCode()).as("the follower checks the token first")
                    .isEqualTo(401);
            HttpResponse<String> created = Http.send("POST", url, job, "Authorization", "Bearer " + TOKEN,
                    "Content-Type", "application/json");
            assertThat(created.statusCode()).isEqualTo(201);
            assertThat(Http.send("GET", cluster.apiUrl(leader) + "/v1/jobs/j", null, "Authorization",
                    "Bearer " + TOKEN).statusCode()).isEqualTo(200);
        }
    }
}
