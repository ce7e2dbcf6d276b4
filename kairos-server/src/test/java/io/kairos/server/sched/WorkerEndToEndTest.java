package io.kairos.server.sched;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kairos.raft.NodeId;
import io.kairos.server.Http;
import io.kairos.server.LocalCluster;
import io.kairos.storage.SnapshotTrigger;
import io.kairos.worker.WorkerAgent;
import io.kairos.worker.WorkerConfig;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three in-JVM masters and a real {@link WorkerAgent} running real child processes: jobs created
 * through the API run with their fencing key in the environment, the worker follows a new leader
 * after the old one stops, nothing fires twice, and a timed-out attempt fails and is killed.
 */
class WorkerEndToEndTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    LocalCluster cluster;
    WorkerAgent worker;

    @BeforeEach
    void start() {
        cluster = new LocalCluster(dir, 3, SnapshotTrigger.Policy.defaults());
        cluster.startAll();
        cluster.awaitLeader();
        List<URI> masters = cluster.ids().stream().map(id -> URI.create(cluster.apiUrl(id))).toList();
        worker = new WorkerAgent(WorkerConfig.builder("w1", masters).capacity(4).shellEnabled(true)
                .dataDir(dir.resolve("worker")).drainTimeout(Duration.ofSeconds(2))
                .killGrace(Duration.ofMillis(200)).build());
        worker.start();
        await().atMost(Duration.ofSeconds(10)).until(worker::isRegistered);
    }

    @AfterEach
    void stop() {
        worker.close();
        cluster.close();
        assertThat(cluster.fatalErrors).isEmpty();
    }

    JsonNode get(NodeId node, String path) throws Exception {
        HttpResponse<String> r = Http.send("GET", cluster.apiUrl(node) + path, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    void create(NodeId leader, String body) throws Exception {
        HttpResponse<String> r = Http.send("POST", cluster.apiUrl(leader) + "/v1/jobs", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    @Test
    void shellRunsCarryTheirFencingKeyAndContinueExactlyOnceUnderANewLeader() throws Exception {
        NodeId first = cluster.awaitLeader();
        long start = (System.currentTimeMillis() / 1_000 + 1) * 1_000;
        create(first, "{\"jobId\":\"tick\",\"spec\":{\"schedule\":{\"type\":\"fixedRate\",\"periodMillis\":250},"
                + "\"startMillis\":" + start + ",\"misfire\":{\"policy\":\"FIRE_ALL_UP_TO\",\"limit\":1000},"
                + "\"historySize\":10000,\"task\":{\"type\":\"shell\",\"command\":[\"sh\",\"-c\","
                + "\"echo key=$KAIROS_JOB_ID/$KAIROS_SCHEDULED_TIME/$KAIROS_ATTEMPT\"]}}}");
        await().atMost(Duration.ofSeconds(15)).until(() -> succeeded(first, "tick") >= 4);
        assertThat(Http.send("GET", cluster.apiUrl(first) + "/metrics", null).body()).as("on-time fires placed by Ticks")
                .containsPattern("kairos_scheduler_assignments_total\\{by=\"tick\",node=\"n" + first.value()
                        + "\"\\} [1-9]");
        cluster.stop(first);
        NodeId second = cluster.awaitLeader();
        int before = succeeded(second, "tick");
        await().atMost(Duration.ofSeconds(20)).until(() -> succeeded(second, "tick") >= before + 4);

        JsonNode runs = get(second, "/v1/jobs/tick/runs");
        List<Long> scheduled = new ArrayList<>();
        for (JsonNode run : runs) {
            scheduled.add(run.get("scheduledMillis").asLong());
            if (run.get("state").asText().equals("SUCCEEDED")) {
                assertThat(run.get("outputTail").asText().strip()).isEqualTo("key=tick/"
                        + run.get("scheduledMillis").asLong() + "/" + run.get("attempt").asInt());
                assertThat(run.get("workerId").asText()).as("the history keeps who ran it").isEqualTo("w1");
            }
        }
        assertThat(new HashSet<>(scheduled)).as("no scheduled time fired twice").hasSameSizeAs(scheduled);
        for (int i = 0; i < scheduled.size(); i++) {
            assertThat(scheduled.get(i)).as("every scheduled time, in order").isEqualTo(start + 250L * i);
        }
        assertThat(get(second, "/v1/jobs/tick").get("skippedFires").asLong()).isZero();
    }

    @Test
    void anAttemptPastItsTimeoutFailsAndItsProcessIsKilled() throws Exception {
        NodeId leader = cluster.awaitLeader();
        Path pidFile = dir.resolve("sleeper.pid");
        create(leader, "{\"jobId\":\"slow\",\"spec\":{\"schedule\":{\"type\":\"onDemand\"},\"timeoutMillis\":700,"
                + "\"task\":{\"type\":\"shell\",\"command\":[\"sh\",\"-c\",\"echo $$ > " + pidFile
                + "; exec sleep 60\"]}}}");
        HttpResponse<String> trigger = Http.send("POST", cluster.apiUrl(leader) + "/v1/jobs/slow/trigger", null);
        long runId = JSON.readTree(trigger.body()).get("runId").asLong();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            JsonNode run = get(leader, "/v1/runs/" + runId);
            assertThat(run.get("state").asText()).isEqualTo("FAILED");
            assertThat(run.get("cause").asText()).contains("timed out after 700 ms");
        });
        long pid = Long.parseLong(java.nio.file.Files.readString(pidFile).strip());
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
    }

    @Test
    void aJavaHandlerJobRunsOnTheWorker() throws Exception {
        NodeId leader = cluster.awaitLeader();
        create(leader, "{\"jobId\":\"java\",\"spec\":{\"schedule\":{\"type\":\"onDemand\"},"
                + "\"task\":{\"type\":\"java\",\"handler\":\"noop\"}}}");
        Http.send("POST", cluster.apiUrl(leader) + "/v1/jobs/java/trigger", "{\"params\":{\"k\":\"v\"}}");
        await().atMost(Duration.ofSeconds(10)).until(() -> succeeded(leader, "java") == 1);
        assertThat(Http.send("GET", cluster.apiUrl(leader) + "/metrics", null).body()).as("an on-demand run: an Assign")
                .contains("kairos_scheduler_assignments_total{by=\"assign\",node=\"n" + leader.value() + "\"} 1.0");
        assertThat(get(leader, "/v1/workers").get(0).get("workerId").asText()).isEqualTo("w1");
    }

    @Test
    void aRunsFullLogComesFromItsWorkerAndACancelKillsItsProcess() throws Exception {
        NodeId leader = cluster.awaitLeader();
        NodeId follower = cluster.ids().stream().filter(id -> !id.equals(leader)).findFirst().orElseThrow();
        create(leader, "{\"jobId\":\"talk\",\"spec\":{\"schedule\":{\"type\":\"onDemand\"},\"task\":{\"type\":"
                + "\"shell\",\"command\":[\"sh\",\"-c\",\"for i in 1 2 3; do echo line $i; done\"]}}}");
        long talk = JSON.readTree(Http.send("POST", cluster.apiUrl(leader) + "/v1/jobs/talk/trigger", null).body())
                .get("runId").asLong();
        await().atMost(Duration.ofSeconds(10)).until(() -> succeeded(leader, "talk") == 1);
        HttpResponse<String> log = Http.send("GET", cluster.apiUrl(leader) + "/v1/runs/" + talk + "/log", null);
        assertThat(log.statusCode()).as(log.body()).isEqualTo(200);
        assertThat(log.body()).isEqualTo("line 1\nline 2\nline 3\n");
        assertThat(log.headers().firstValue("Kairos-Log-Truncated")).hasValue("false");
        HttpResponse<String> viaFollower = Http.send("GET", cluster.apiUrl(follower) + "/v1/runs/" + talk + "/log",
                null);
        assertThat(viaFollower.statusCode()).as("a follower forwards to the leader, which asks the worker")
                .isEqualTo(200);
        assertThat(viaFollower.body()).isEqualTo("line 1\nline 2\nline 3\n");
        assertThat(viaFollower.headers().firstValue("Kairos-Log-Truncated")).hasValue("false");

        Path pidFile = dir.resolve("long.pid");
        create(leader, "{\"jobId\":\"long\",\"spec\":{\"schedule\":{\"type\":\"onDemand\"},\"task\":{\"type\":"
                + "\"shell\",\"command\":[\"sh\",\"-c\",\"echo $$ > " + pidFile + "; exec sleep 60\"]}}}");
        long run = JSON.readTree(Http.send("POST", cluster.apiUrl(leader) + "/v1/jobs/long/trigger", null).body())
                .get("runId").asLong();
        await().atMost(Duration.ofSeconds(10)).until(() -> java.nio.file.Files.exists(pidFile)
                && get(leader, "/v1/runs/" + run).get("state").asText().equals("RUNNING"));
        assertThat(get(leader, "/v1/runs").findValues("runId")).extracting(JsonNode::asLong).contains(run);
        long pid = Long.parseLong(java.nio.file.Files.readString(pidFile).strip());
        HttpResponse<String> cancel = Http.send("POST", cluster.apiUrl(leader) + "/v1/runs/" + run + "/cancel", null);
        assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(200);
        assertThat(get(leader, "/v1/runs/" + run).get("state").asText()).isEqualTo("CANCELLED");
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
        HttpResponse<String> again = Http.send("POST", cluster.apiUrl(leader) + "/v1/runs/" + run + "/cancel", null);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("already ended CANCELLED");
        assertThat(get(leader, "/v1/runs").findValues("runId")).extracting(JsonNode::asLong).doesNotContain(run);

        create(leader, "{\"jobId\":\"never\",\"spec\":{\"schedule\":{\"type\":\"onDemand\"},\"task\":{\"type\":"
                + "\"java\",\"handler\":\"noop\"},\"target\":{\"groupTag\":\"nobody\"}}}");
        long waiting = JSON.readTree(Http.send("POST", cluster.apiUrl(leader) + "/v1/jobs/never/trigger", null)
                .body()).get("runId").asLong();
        HttpResponse<String> noLog = Http.send("GET", cluster.apiUrl(leader) + "/v1/runs/" + waiting + "/log", null);
        assertThat(noLog.statusCode()).isEqualTo(404);
        assertThat(noLog.body()).contains("has not run on any worker yet");
    }

    int succeeded(NodeId node, String jobId) throws Exception {
        int n = 0;
        for (JsonNode run : get(node, "/v1/jobs/" + jobId + "/runs")) {
            n += run.get("state").asText().equals("SUCCEEDED") ? 1 : 0;
        }
        return n;
    }
}
