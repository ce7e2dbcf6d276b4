package io.kairos.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kairos.raft.NodeId;
import io.kairos.raft.Role;
import io.kairos.storage.SnapshotTrigger;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three masters in this JVM over real TCP and real data directories, driven through the HTTP API. */
class ServerClusterTest {

    @TempDir
    Path dir;

    private LocalCluster cluster;

    @AfterEach
    void tearDown() {
        if (cluster != null) {
            cluster.close();
            assertThat(cluster.fatalErrors).isEmpty();
        }
    }

    @Test
    void aLeaderIsElectedWritesCommitAndReadsAreLinearizableOnTheLeaderAndStaleOnFollowers() throws Exception {
        cluster = new LocalCluster(dir, 3, SnapshotTrigger.Policy.defaults());
        cluster.startAll();
        NodeId leader = cluster.awaitLeader();

        HttpResponse<String> put = send("PUT", cluster.apiUrl(leader) + "/v1/kv/greeting", "hello");
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(put.body()).contains("\"applied\"");

        HttpResponse<String> get = send("GET", cluster.apiUrl(leader) + "/v1/kv/greeting", null);
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).isEqualTo("hello");

        NodeId follower = cluster.ids().stream().filter(id -> !id.equals(leader)).findFirst().orElseThrow();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(send("GET", cluster.apiUrl(follower) + "/v1/kv/greeting?stale=true", null).body())
                        .isEqualTo("hello"));
        assertThat(send("GET", cluster.apiUrl(leader) + "/v1/kv/absent", null).statusCode()).isEqualTo(404);
    }

    @Test
    void aFollowerRedirectsWritesToTheLeaderAndReportsItInTheClusterStatus() throws Exception {
        cluster = new LocalCluster(dir, 3, SnapshotTrigger.Policy.defaults());
        cluster.startAll();
        NodeId leader = cluster.awaitLeader();
        NodeId follower = cluster.ids().stream().filter(id -> !id.equals(leader)).findFirst().orElseThrow();

        HttpResponse<String> put = send("PUT", cluster.apiUrl(follower) + "/v1/kv/k", "v");
        assertThat(put.statusCode()).isEqualTo(307);
        assertThat(put.headers().firstValue("Location")).hasValue(cluster.apiUrl(leader) + "/v1/kv/k");
        assertThat(put.body()).contains("\"not_leader\"", "\"leader\":" + leader.value());

        HttpResponse<String> status = send("GET", cluster.apiUrl(follower) + "/v1/cluster", null);
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.body()).contains("\"role\":\"FOLLOWER\"", "\"leader\":" + leader.value(),
                "\"leaderUrl\":\"" + cluster.apiUrl(leader) + "\"", "\"voters\":[1,2,3]");

        send("PUT", cluster.apiUrl(leader) + "/v1/kv/k", "v");
        HttpResponse<String> leaderStatus = send("GET", cluster.apiUrl(leader) + "/v1/cluster", null);
        assertThat(leaderStatus.body()).contains("\"role\":\"LEADER\"", "\"followers\":[{", "\"matchIndex\"");
    }

    @Test
    void aSessionWriteRetriedAfterItAppliedIsNotAppliedTwice() throws Exception {
        cluster = new LocalCluster(dir, 3, SnapshotTrigger.Policy.defaults());
        cluster.startAll();
        String url = cluster.apiUrl(cluster.awaitLeader()) + "/v1/kv/list";

        for (String token : List.of("a;", "b;")) {
            HttpRequest append = HttpRequest.newBuilder(URI.create(url)).header("Kairos-Client-Id", "7")
                    .header("Kairos-Sequence", token.equals("a;") ? "1" : "2")
                    .POST(HttpRequest.BodyPublishers.ofString(token)).build();
            assertThat(Http.CLIENT.send(append, HttpResponse.BodyHandlers.ofString()).body()).contains("applied");
            // The retry of the same (client, sequence) is recognised.
            assertThat(Http.CLIENT.send(append, HttpResponse.BodyHandlers.ofString()).body()).contains("duplicate");
        }
        assertThat(send("GET", url, null).body()).isEqualTo("a;b;");
    }

    @Test
    void whenTheLeaderStopsAnotherIsElectedAndTheOldOneCatchesUpFromASnapshotOnRestart() throws Exception {
        // Snapshots every 50 entries, keeping 10: a node away for 200 writes needs InstallSnapshot.
        cluster = new LocalCluster(dir, 3, new SnapshotTrigger.Policy(50, 64L << 20, 10));
        cluster.startAll();
        NodeId first = cluster.awaitLeader();
        for (int i = 0; i < 20; i++) {
            assertThat(send("PUT", cluster.apiUrl(first) + "/v1/kv/k" + i, "v" + i).statusCode()).isEqualTo(200);
        }

        long firstLastIndex = cluster.status(first).lastIndex();
        cluster.stop(first);
        NodeId second = cluster.awaitLeader();
        assertThat(second).isNotEqualTo(first);
        for (int i = 0; i < 200; i++) {
            assertThat(send("PUT", cluster.apiUrl(second) + "/v1/kv/counter", "c" + i).statusCode()).isEqualTo(200);
        }

        long compacted = cluster.status(second).snapshotIndex();
        assertThat(compacted).as("the leader compacted past what the stopped node holds").isGreaterThan(firstLastIndex);

        cluster.start(first);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(send("GET", cluster.apiUrl(first) + "/v1/kv/counter?stale=true", null).body()).isEqualTo("c199");
            assertThat(send("GET", cluster.apiUrl(first) + "/v1/kv/k7?stale=true", null).body()).isEqualTo("v7");
        });
        assertThat(cluster.status(first).snapshotIndex()).as("it caught up through a snapshot")
                .isGreaterThanOrEqualTo(compacted);
        assertThat(cluster.status(first).role()).isEqualTo(Role.FOLLOWER);
        assertThat(cluster.awaitLeader()).as("the restarted node does not disrupt the leader").isEqualTo(second);
    }

    private static HttpResponse<String> send(String method, String url, String body) throws Exception {
        return Http.send(method, url, body);
    }
}
