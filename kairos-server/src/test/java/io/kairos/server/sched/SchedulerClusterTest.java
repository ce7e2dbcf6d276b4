package io.kairos.server.sched;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kairos.raft.NodeId;
import io.kairos.scheduler.JobView;
import io.kairos.scheduler.RunState;
import io.kairos.scheduler.RunView;
import io.kairos.scheduler.command.Command;
import io.kairos.scheduler.command.Result;
import io.kairos.scheduler.job.JobSpec;
import io.kairos.scheduler.job.MisfirePolicy;
import io.kairos.scheduler.job.Schedule;
import io.kairos.server.Http;
import io.kairos.server.KairosServer;
import io.kairos.server.LocalCluster;
import io.kairos.storage.SnapshotTrigger;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduler on three in-JVM masters, with this test as a worker speaking the protocol over
 * real HTTP: dispatch after commit, reports fenced by attempt, failover of a silent worker, and a
 * fixed-rate job that fires every scheduled time exactly once across the leader's death.
 */
class SchedulerClusterTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    LocalCluster cluster;

    @BeforeEach
    void start() {
        cluster = new LocalCluster(dir, 3, SnapshotTrigger.Policy.defaults());
        cluster.startAll();
    }

    @AfterEach
    void stop() {
        cluster.close();
        assertThat(cluster.fatalErrors).isEmpty();
    }

    KairosServer leader() {
        return cluster.server(cluster.awaitLeader());
    }

    JsonNode post(NodeId node, String path, String body) throws Exception {
        HttpResponse<String> r = Http.send("POST", cluster.apiUrl(node) + path, body);
        assertThat(r.statusCode()).as("%s %s", path, r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    static <T> T get(java.util.concurrent.CompletableFuture<T> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    Result create(KairosServer leader, String jobId, JobSpec spec) throws Exception {
        return get(leader.scheduler().propose(new Command.CreateJob(jobId, spec)));
    }

    List<RunView> runs(KairosServer server, String jobId) throws Exception {
        return get(server.scheduler().onApplier(() -> server.scheduler().state().runs(jobId)));
    }

    @Test
    void aWorkerGetsItsRunOnlyAfterTheAssignCommitsAndItsReportsEndTheRunOnEveryMaster() throws Exception {
        NodeId leaderId = cluster.awaitLeader();
        KairosServer leader = cluster.server(leaderId);
        NodeId follower = cluster.ids().stream().filter(id -> !id.equals(leaderId)).findFirst().orElseThrow();

        HttpResponse<String> redirected = Http.send("POST", cluster.apiUrl(follower) + "/v1/workers/register",
                "{\"workerId\":\"w1\",\"tags\":[],\"capacity\":2}");
        assertThat(redirected.statusCode()).isEqualTo(307);
        assertThat(redirected.headers().firstValue("Location")).hasValue(cluster.apiUrl(leaderId)
                + "/v1/workers/register");

        JsonNode registered = post(leaderId, "/v1/workers/register", "{\"workerId\":\"w1\",\"tags\":[],\"capacity\":2}");
        long term = registered.get("term").asLong();
        assertThat(term).isPositive();
        assertThat(registered.get("leaseMillis").asLong()).isEqualTo(1_500);

        long at = System.currentTimeMillis() + 300;
        assertThat(create(leader, "once", JobSpec.builder(new Schedule.OneShot(at)).build()))
                .isInstanceOf(Result.Applied.class);
        JsonNode poll = post(leaderId, "/v1/workers/w1/poll", "{\"held\":[],\"draining\":false,\"waitMillis\":3000}");
        assertThat(poll.get("term").asLong()).isEqualTo(term);
        assertThat(poll.get("registered").asBoolean()).isTrue();
        JsonNode dispatch = poll.get("dispatches").get(0);
        assertThat(dispatch.get("jobId").asText()).isEqualTo("once");
        assertThat(dispatch.get("scheduledMillis").asLong()).isEqualTo(at);
        assertThat(dispatch.get("attempt").asInt()).isEqualTo(1);
        assertThat(dispatch.get("task").get("type").asText()).isEqualTo("java");
        assertThat(System.currentTimeMillis()).as("not dispatched before it was due").isGreaterThanOrEqualTo(at);
        long runId = dispatch.get("runId").asLong();
        // The run is committed as ASSIGNED to w1 on every master before the worker hears of it.
        for (NodeId id : cluster.ids()) {
            await().atMost(Duration.ofSeconds(5)).until(() -> runs(cluster.server(id), "once").get(0).state()
                    == RunState.ASSIGNED);
        }

        JsonNode verdicts = post(leaderId, "/v1/workers/w1/reports", "{\"reports\":["
                + "{\"runId\":" + runId + ",\"attempt\":1,\"kind\":\"STARTED\",\"outcome\":null,\"exitCode\":0,"
                + "\"outputTail\":\"\"},"
                + "{\"runId\":" + runId + ",\"attempt\":1,\"kind\":\"FINISHED\",\"outcome\":\"SUCCEEDED\",\"exitCode\":0,"
                + "\"outputTail\":\"done\"}]}");
        assertThat(verdicts.get("verdicts").toString()).isEqualTo("[\"APPLIED\",\"APPLIED\"]");
        for (NodeId id : cluster.ids()) {
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                RunView run = runs(cluster.server(id), "once").get(0);
                assertThat(run.state()).isEqualTo(RunState.SUCCEEDED);
                assertThat(run.outputTail()).isEqualTo("done");
            });
        }
        JsonNode again = post(leaderId, "/v1/workers/w1/poll",
                "{\"held\":[{\"runId\":" + runId + ",\"attempt\":1}],\"draining\":false,\"waitMillis\":0}");
        assertThat(again.get("cancels").get(0).get("runId").asLong()).as("a finished attempt is no longer held")
                .isEqualTo(runId);
    }

    @Test
    void aSilentWorkerIsDeclaredLostItsRunRedispatchedAndItsLateReportFenced() throws Exception {
        NodeId leaderId = cluster.awaitLeader();
        KairosServer leader = cluster.server(leaderId);
        post(leaderId, "/v1/workers/register", "{\"workerId\":\"w1\",\"tags\":[],\"capacity\":1}");
        long at = System.currentTimeMillis() + 200;
        create(leader, "job", JobSpec.builder(new Schedule.OneShot(at))
                .target(new io.kairos.scheduler.job.Target("", io.kairos.scheduler.job.Target.Routing.FIRST_HEALTHY))
                .build());
        JsonNode first = post(leaderId, "/v1/workers/w1/poll", "{\"held\":[],\"draining\":false,\"waitMillis\":3000}");
        long runId = first.get("dispatches").get(0).get("runId").asLong();
        // w2 joins; w1 goes silent (no more polls) while holding attempt 1.
        post(leaderId, "/v1/workers/register", "{\"workerId\":\"w2\",\"tags\":[],\"capacity\":1}");
        long silentSince = System.currentTimeMillis();
        List<Long> redispatchedAt = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            JsonNode p = post(leaderId, "/v1/workers/w2/poll", "{\"held\":[],\"draining\":false,\"waitMillis\":200}");
            if (p.get("dispatches").size() > 0) {
                assertThat(p.get("dispatches").get(0).get("runId").asLong()).isEqualTo(runId);
                assertThat(p.get("dispatches").get(0).get("attempt").asInt()).isEqualTo(2);
                redispatchedAt.add(System.currentTimeMillis());
                return true;
            }
            return false;
        });
        assertThat(redispatchedAt.get(0) - silentSince).as("within the lease plus a second")
                .isLessThan(1_500 + 1_000 + 500);
        JsonNode late = post(leaderId, "/v1/workers/w1/reports", "{\"reports\":[{\"runId\":" + runId
                + ",\"attempt\":1,\"kind\":\"FINISHED\",\"outcome\":\"SUCCEEDED\",\"exitCode\":0,\"outputTail\":\"\"}]}");
        assertThat(late.get("verdicts").toString()).isEqualTo("[\"STALE\"]");
        RunView run = runs(leader, "job").get(0);
        assertThat(run.attempt()).isEqualTo(2);
        assertThat(run.state()).isEqualTo(RunState.ASSIGNED);
        assertThat(run.workerId()).isEqualTo("w2");
        JsonNode lostPoll = post(leaderId, "/v1/workers/w1/poll",
                "{\"held\":[{\"runId\":" + runId + ",\"attempt\":1}],\"draining\":false,\"waitMillis\":0}");
        assertThat(lostPoll.get("registered").asBoolean()).isFalse();
        assertThat(lostPoll.get("cancels").get(0).get("attempt").asInt()).isEqualTo(1);
    }

    @Test
    void aFixedRateJobFiresEveryScheduledTimeExactlyOnceAcrossTheLeadersDeath() throws Exception {
        NodeId first = cluster.awaitLeader();
        long start = (System.currentTimeMillis() / 1_000 + 1) * 1_000;
        create(cluster.server(first), "rate", JobSpec.builder(new Schedule.FixedRate(100)).startMillis(start)
                .misfire(MisfirePolicy.fireAllUpTo(1_000)).historySize(JobSpec.MAX_HISTORY).build());
        await().atMost(Duration.ofSeconds(10)).until(() -> runs(cluster.server(first), "rate").size() >= 10);
        cluster.stop(first);
        NodeId second = cluster.awaitLeader();
        assertThat(second).isNotEqualTo(first);
        KairosServer leader = cluster.server(second);
        int before = runs(leader, "rate").size();
        await().atMost(Duration.ofSeconds(10)).until(() -> runs(leader, "rate").size() >= before + 10);

        JobView job = get(leader.scheduler().onApplier(() -> leader.scheduler().state().job("rate").orElseThrow()));
        long clock = get(leader.scheduler().onApplier(() -> leader.scheduler().state().nowMillis()));
        List<Long> fired = runs(leader, "rate").stream().map(RunView::scheduledMillis).toList();
        assertThat(new HashSet<>(fired)).as("no scheduled time twice").hasSameSizeAs(fired);
        List<Long> expected = new ArrayList<>();
        for (long t = start; t <= clock; t += 100) {
            expected.add(t);
        }
        assertThat(job.skippedFires()).isZero();
        assertThat(fired).as("every scheduled time up to the replicated clock, in order").containsExactlyElementsOf(
                expected.subList(0, fired.size()));
        assertThat(job.nextFireMillis().getAsLong()).isEqualTo(start + 100L * fired.size());
    }

    @Test
    void badWorkerRequestsGetPreciseErrorsAndTheMasterKeepsServing() throws Exception {
        NodeId leaderId = cluster.awaitLeader();
        String base = cluster.apiUrl(leaderId);
        HttpResponse<String> r = Http.send("POST", base + "/v1/workers/register", "{\"workerId\":\"w 1\",\"tags\":[],"
                + "\"capacity\":1}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("worker id must be 1 to 128 of [A-Za-z0-9._-], was 'w 1'");
        r = Http.send("POST", base + "/v1/workers/register", "{\"workerId\":\"w1\",\"tags\":[],\"capacity\":0}");
        assertThat(r.body()).contains("capacity must be at least 1, was 0");
        r = Http.send("POST", base + "/v1/workers/w1/poll", "{\"held\":[],\"waitMillis\":");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("malformed PollRequest body");
        r = Http.send("POST", base + "/v1/workers/w1/poll", "{\"held\":[],\"draining\":false,\"waitMillis\":60000}");
        assertThat(r.body()).contains("waitMillis must be 0 to 5000, was 60000");
        r = Http.send("POST", base + "/v1/workers/w1/poll", "{\"held\":[],\"draining\":false,\"waitMillis\":0,"
                + "\"extra\":1}");
        assertThat(r.statusCode()).isEqualTo(400);
        r = Http.send("GET", base + "/v1/workers/w1/poll", null);
        assertThat(r.statusCode()).isEqualTo(405);
        r = Http.send("POST", base + "/v1/workers/w1/explode", "{}");
        assertThat(r.statusCode()).isEqualTo(404);
        JsonNode ok = post(leaderId, "/v1/workers/register", "{\"workerId\":\"w1\",\"tags\":[],\"capacity\":1}");
        assertThat(ok.get("term").asLong()).isPositive();
        JsonNode unknown = post(leaderId, "/v1/workers/nobody/poll", "{\"held\":[],\"draining\":false,\"waitMillis\":0}");
        assertThat(unknown.get("registered").asBoolean()).isFalse();
    }
}
