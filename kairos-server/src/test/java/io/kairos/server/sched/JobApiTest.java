package io.kairos.server.sched;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kairos.raft.NodeId;
import io.kairos.server.Http;
import io.kairos.server.LocalCluster;
import io.kairos.storage.SnapshotTrigger;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every job API endpoint's success and error answers, on three in-JVM masters over real HTTP. */
class JobApiTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String RATE_JOB = "{\"jobId\":\"report\",\"spec\":{\"schedule\":{\"type\":\"fixedRate\","
            + "\"periodMillis\":60000},\"task\":{\"type\":\"java\",\"handler\":\"noop\"},\"historySize\":5}}";

    @TempDir
    Path dir;
    LocalCluster cluster;
    NodeId leader;
    NodeId follower;

    @BeforeEach
    void start() {
        cluster = new LocalCluster(dir, 3, SnapshotTrigger.Policy.defaults());
        cluster.startAll();
        leader = cluster.awaitLeader();
        follower = cluster.ids().stream().filter(id -> !id.equals(leader)).findFirst().orElseThrow();
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    HttpResponse<String> call(NodeId node, String method, String path, String body, String... headers)
            throws Exception {
        return Http.send(method, cluster.apiUrl(node) + path, body, headers);
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    @Test
    void createReadUpdateDeleteWithVersions() throws Exception {
        HttpResponse<String> created = call(leader, "POST", "/v1/jobs", RATE_JOB);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(json(created).get("version").asLong()).isEqualTo(1);

        HttpResponse<String> again = call(leader, "POST", "/v1/jobs", RATE_JOB);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).get("error").asText()).isEqualTo("job_exists");

        JsonNode job = json(call(leader, "GET", "/v1/jobs/report", null));
        assertThat(job.get("version").asLong()).isEqualTo(1);
        assertThat(job.get("spec").get("schedule").get("type").asText()).isEqualTo("fixedRate");
        assertThat(job.get("spec").get("task").get("handler").asText()).isEqualTo("noop");
        assertThat(job.get("spec").get("historySize").asInt()).isEqualTo(5);
        assertThat(json(call(leader, "GET", "/v1/jobs", null)).size()).isEqualTo(1);

        String update = "{\"version\":%d,\"spec\":{\"schedule\":{\"type\":\"cron\",\"expression\":\"0 0 * * * ?\","
                + "\"zone\":\"Europe/Berlin\"},\"task\":{\"type\":\"java\",\"handler\":\"noop\"}}}";
        HttpResponse<String> ok = call(leader, "PUT", "/v1/jobs/report", update.formatted(1));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(json(ok).get("version").asLong()).isEqualTo(2);
        HttpResponse<String> stale = call(leader, "PUT", "/v1/jobs/report", update.formatted(1));
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(json(stale).get("message").asText()).isEqualTo(
                "job 'report' is at version 2; read it again and retry with that version");

        assertThat(call(leader, "POST", "/v1/jobs/report/pause", null).statusCode()).isEqualTo(200);
        assertThat(json(call(leader, "GET", "/v1/jobs/report", null)).get("paused").asBoolean()).isTrue();
        assertThat(call(leader, "POST", "/v1/jobs/report/resume", null).statusCode()).isEqualTo(200);

        HttpResponse<String> triggered = call(leader, "POST", "/v1/jobs/report/trigger", "{\"params\":{\"day\":\"mon\"}}");
        assertThat(triggered.statusCode()).isEqualTo(202);
        long runId = json(triggered).get("runId").asLong();
        JsonNode run = json(call(leader, "GET", "/v1/runs/" + runId, null));
        assertThat(run.get("jobId").asText()).isEqualTo("report");
        assertThat(run.get("params").get("day").asText()).isEqualTo("mon");
        assertThat(run.get("onDemand").asBoolean()).isTrue();
        JsonNode runs = json(call(leader, "GET", "/v1/jobs/report/runs", null));
        assertThat(runs.size()).as("the fire at the anchor, and the trigger").isEqualTo(2);
        assertThat(runs.get(1).get("runId").asLong()).isEqualTo(runId);

        assertThat(call(leader, "DELETE", "/v1/jobs/report", null).statusCode()).isEqualTo(200);
        assertThat(call(leader, "GET", "/v1/jobs/report", null).statusCode()).isEqualTo(404);
        assertThat(call(leader, "GET", "/v1/runs/" + runId, null).statusCode()).isEqualTo(404);
        assertThat(call(leader, "DELETE", "/v1/jobs/report", null).statusCode()).isEqualTo(404);
    }

    @Test
    void badRequestsAreRejectedPrecisely() throws Exception {
        HttpResponse<String> cron = call(leader, "POST", "/v1/jobs", "{\"jobId\":\"c\",\"spec\":{\"schedule\":"
                + "{\"type\":\"cron\",\"expression\":\"0 0 99 * * ?\"},\"task\":{\"type\":\"java\",\"handler\":\"noop\"}}}");
        assertThat(cron.statusCode()).isEqualTo(400);
        assertThat(json(cron).get("message").asText()).startsWith("invalid cron expression '0 0 99 * * ?'");

        HttpResponse<String> zone = call(leader, "POST", "/v1/jobs", "{\"jobId\":\"z\",\"spec\":{\"schedule\":"
                + "{\"type\":\"cron\",\"expression\":\"0 0 1 * * ?\",\"zone\":\"Mars/Olympus\"},\"task\":{\"type\":"
                + "\"java\",\"handler\":\"noop\"}}}");
        assertThat(json(zone).get("message").asText()).isEqualTo("unknown time zone 'Mars/Olympus'");

        HttpResponse<String> noTask = call(leader, "POST", "/v1/jobs", "{\"jobId\":\"t\",\"spec\":{\"schedule\":"
                + "{\"type\":\"onDemand\"}}}");
        assertThat(json(noTask).get("message").asText()).startsWith("spec.task is required");

        HttpResponse<String> routing = call(leader, "POST", "/v1/jobs", "{\"jobId\":\"r\",\"spec\":{\"schedule\":"
                + "{\"type\":\"onDemand\"},\"task\":{\"type\":\"java\",\"handler\":\"noop\"},\"target\":{\"routing\":"
                + "\"RANDOM\"}}}");
        assertThat(json(routing).get("message").asText()).startsWith("spec.target.routing must be one of [");

        for (String misfire : new String[] {"{\"policy\":\"SKIP\"}", "{\"policy\":\"FIRE_ONCE_NOW\"}",
                "{\"policy\":\"FIRE_ALL_UP_TO\",\"limit\":3}"}) {
            HttpResponse<String> ok = call(leader, "POST", "/v1/jobs", "{\"jobId\":\"m" + misfire.length()
                    + "\",\"spec\":{\"schedule\":{\"type\":\"onDemand\"},\"misfire\":" + misfire
                    + ",\"task\":{\"type\":\"java\",\"handler\":\"noop\"}}}");
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
        }
        HttpResponse<String> noLimit = call(leader, "POST", "/v1/jobs", "{\"jobId\":\"nl\",\"spec\":{\"schedule\":"
                + "{\"type\":\"onDemand\"},\"misfire\":{\"policy\":\"FIRE_ALL_UP_TO\"},\"task\":{\"type\":\"java\","
                + "\"handler\":\"noop\"}}}");
        assertThat(noLimit.statusCode()).isEqualTo(400);

        HttpResponse<String> malformed = call(leader, "POST", "/v1/jobs", "{\"jobId\":");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json(malformed).get("message").asText()).startsWith("malformed CreateJobRequest body");

        assertThat(call(leader, "GET", "/v1/jobs/bad%20id", null).statusCode()).isEqualTo(400);
        assertThat(call(leader, "GET", "/v1/runs/abc", null).statusCode()).isEqualTo(400);
        assertThat(call(leader, "GET", "/v1/jobs/nope", null).statusCode()).isEqualTo(404);
        assertThat(call(leader, "POST", "/v1/jobs/nope/trigger", null).statusCode()).isEqualTo(404);
        assertThat(call(leader, "PATCH", "/v1/jobs/nope", null).statusCode()).isEqualTo(405);
        assertThat(call(leader, "GET", "/v1/jobs/nope/explode", null).statusCode()).isEqualTo(404);
        assertThat(call(leader, "POST", "/v1/jobs", RATE_JOB).statusCode()).as("still serving").isEqualTo(201);
    }

    @Test
    void followersForwardWritesAndServeLinearizableAndStaleReads() throws Exception {
        // A write to a follower is forwarded to the leader, and the leader's answer relayed.
        HttpResponse<String> write = call(follower, "POST", "/v1/jobs", RATE_JOB);
        assertThat(write.statusCode()).isEqualTo(201);
        assertThat(json(write).get("jobId").asText()).isEqualTo("report");
        assertThat(call(follower, "POST", "/v1/jobs", RATE_JOB).statusCode()).as("the leader's 409, relayed")
                .isEqualTo(409);
        assertThat(call(follower, "POST", "/v1/jobs/report/pause", null).statusCode()).isEqualTo(200);
        assertThat(call(follower, "POST", "/v1/jobs/report/resume", null).statusCode()).isEqualTo(200);
        // One hop only: a write already forwarded once gets the follower's own 307 to the leader.
        HttpResponse<String> again = call(follower, "POST", "/v1/jobs/report/pause", null,
                "Kairos-Forwarded-By", "test");
        assertThat(again.statusCode()).isEqualTo(307);
        assertThat(again.headers().firstValue("Location")).hasValue(cluster.apiUrl(leader) + "/v1/jobs/report/pause");
        // A follower's linearizable read asks the leader for the read index, then answers itself.
        HttpResponse<String> read = call(follower, "GET", "/v1/jobs/report", null);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(json(read).get("version").asLong()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() ->
                call(follower, "GET", "/v1/jobs/report?stale=true", null).statusCode() == 200);
        assertThat(call(follower, "GET", "/v1/workers?stale=true", null).body()).isEqualTo("[]");
    }

    @Test
    void aWriteWithoutQuorumGetsAClear503WithARetryHint() throws Exception {
        for (NodeId id : cluster.ids()) {
            if (!id.equals(leader)) {
                cluster.stop(id);
            }
        }
        HttpResponse<String> r = call(leader, "POST", "/v1/jobs", RATE_JOB);
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).isPresent();
        assertThat(json(r).get("error").asText()).isIn("timeout", "no_leader");
    }
}
