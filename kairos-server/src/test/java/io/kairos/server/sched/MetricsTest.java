package io.kairos.server.sched;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.kairos.raft.NodeId;
import io.kairos.server.Http;
import io.kairos.server.LocalCluster;
import io.kairos.storage.SnapshotTrigger;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /metrics in Prometheus form with Raft and scheduler numbers, /health and /ready, and the alert rules' metrics. */
class MetricsTest {

    @TempDir
    Path dir;

    @Test
    void aMasterExposesItsRaftAndSchedulerStateAndTheAlertRulesUseOnlyMetricsItHas() throws Exception {
        try (LocalCluster cluster = new LocalCluster(dir, 3, SnapshotTrigger.Policy.defaults())) {
            cluster.startAll();
            NodeId leader = cluster.awaitLeader();
            String base = cluster.apiUrl(leader);
            assertThat(Http.send("POST", base + "/v1/jobs", "{\"jobId\":\"m\",\"spec\":{\"schedule\":{\"type\":"
                    + "\"onDemand\"},\"task\":{\"type\":\"java\",\"handler\":\"noop\"}}}").statusCode()).isEqualTo(201);
            Http.send("POST", base + "/v1/jobs/m/trigger", null);

            HttpResponse<String> metrics = Http.send("GET", base + "/metrics", null);
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
            String text = metrics.body();
            assertThat(text).contains("kairos_raft_leader{node=\"n" + leader.value() + "\"} 1.0");
            assertThat(text).contains("kairos_scheduler_jobs{node=\"n" + leader.value() + "\"} 1.0");
            assertThat(text).contains("kairos_scheduler_runs_live{node=\"n" + leader.value() + "\",state=\"pending\"} 1.0");
            assertThat(text).contains("kairos_scheduler_workers{node=\"n" + leader.value() + "\",state=\"alive\"} 0.0");

            assertThat(Http.send("GET", base + "/health", null).statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(5)).until(() -> Http.send("GET", base + "/ready", null).statusCode() == 200);

            JsonNode rules = new ObjectMapper(new YAMLFactory()).readTree(Path.of("..", "docs", "alerts",
                    "kairos-rules.yml").toFile());
            Matcher names = Pattern.compile("kairos_[a-z_]+").matcher(rules.findValuesAsText("expr").toString());
            int checked = 0;
            while (names.find()) {
                String name = names.group().replaceAll("_bucket$", "");
                assertThat(text).as("metric %s used by an alert rule", name).contains(name);
                checked++;
            }
            assertThat(checked).isGreaterThan(10);
        }
    }

    @Test
    void aMasterWithoutALeaderIsNotReady() throws Exception {
        try (LocalCluster cluster = new LocalCluster(dir, 3, SnapshotTrigger.Policy.defaults())) {
            cluster.start(NodeId.of(1));
            HttpResponse<String> ready = Http.send("GET", cluster.apiUrl(NodeId.of(1)) + "/ready", null);
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("knows no leader");
            assertThat(Http.send("GET", cluster.apiUrl(NodeId.of(1)) + "/health", null).statusCode()).isEqualTo(200);
        }
    }
}
