package io.kairos.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.kairos.api.worker.AttemptRef;
import io.kairos.api.worker.PollResponse;
import io.kairos.api.worker.RegisterRequest;
import io.kairos.api.worker.Report;
import io.kairos.api.worker.Report.Outcome;
import io.kairos.api.worker.ReportResponse.Verdict;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent against a scripted leader over real HTTP. */
class WorkerAgentTest {

    /** The attempt's applied FINISHED report, or null (its STARTED may have been folded into it). */
    Report finishedOf(long runId) {
        return master.appliedOf(runId).stream().filter(r -> r.kind() == Report.Kind.FINISHED).findFirst()
                .orElse(null);
    }


    @TempDir
    Path dir;

    private FakeMaster master;
    private final List<AutoCloseable> closeAfter = new ArrayList<>();

    @BeforeEach
    void startMaster() throws IOException {
        TestHandlers.reset();
        master = new FakeMaster();
    }

    @AfterEach
    void stopEverything() throws Exception {
        TestHandlers.gate.countDown();
        for (AutoCloseable closeable : closeAfter) {
            closeable.close();
        }
        master.close();
    }

    @Nested
    class Registration {

        @Test
        void registersWithItsIdTagsAndCapacityThenPolls() {
            start(config(master.url()).tags(List.of("etl", "eu")).capacity(3));

            eventually().until(() -> master.polls.size() >= 2);
            assertThat(master.registrations).containsExactly(new RegisterRequest("w1", List.of("etl", "eu"), 3));
            assertThat(master.polls.get(0).draining()).isFalse();
            assertThat(master.polls.get(0).waitMillis()).isEqualTo(750); // 3/4 of the 1000 ms heartbeat
        }

        @Test
        void enablingShellAddsTheReservedTag() {
            start(config(master.url()).tags(List.of("etl")).shellEnabled(true));

            eventually().until(() -> !master.registrations.isEmpty());
            assertThat(master.registrations.get(0).tags()).containsExactly("etl", RegisterRequest.SHELL_TAG);
        }

        @Test
        void whenTheLeaderNoLongerKnowsTheWorkerItCancelsWhatItHoldsWithoutReportsAndRegistersAgain() {
            start(config(master.url()));
            master.dispatch(TestDispatches.java(1, 1, "block"));
            eventually().until(() -> master.appliedOf(1).size() == 1); // STARTED

            master.forgetWorker();

            eventually().until(() -> master.registrations.size() == 2);
            eventually().until(() -> TestHandlers.interrupted.contains("1/1 cancelled=true"));
            eventually().until(() -> master.polls.get(master.polls.size() - 1).held().isEmpty());
            assertThat(master.appliedOf(1)).extracting(Report::kind).containsExactly(Report.Kind.STARTED);
        }
    }

    @Nested
    class Dispatches {

        @Test
        void aDispatchSentAgainAndAgainRunsOnceAndBothReportsAreApplied() {
            master.resendEvenIfHeld = true;
            start(config(master.url()));

            master.dispatch(TestDispatches.java(1, 1, "gate"));

            eventually().until(() -> master.appliedOf(1).size() == 1); // STARTED, while the handler waits
            TestHandlers.gate.countDown();
            eventually().until(() -> master.appliedOf(1).size() == 2);
            eventually().until(() -> master.polls.size() > 5); // re-sent on every one of them
            assertThat(TestHandlers.runs).containsExactly("1/1");
            assertThat(master.appliedOf(1)).extracting(Report::kind)
                    .containsExactly(Report.Kind.STARTED, Report.Kind.FINISHED);
            assertThat(master.appliedOf(1).get(1).outcome()).isEqualTo(Outcome.SUCCEEDED);
        }

        @Test
        void theAttemptIsHeldInPollsUntilItsFinishedReportIsAcknowledged() {
            master.reportsToRefuse.set(1_000_000);
            start(config(master.url()));

            master.dispatch(TestDispatches.java(1, 1, "record"));

            eventually().until(() -> master.reportRequests.size() >= 3);
            AttemptRef ref = new AttemptRef(1, 1);
            eventually().until(() -> master.polls.get(master.polls.size() - 1).held().contains(ref));
            master.reportsToRefuse.set(0);
            // The FINISHED (which replaced the STARTED still waiting behind the refusals) is applied.
            eventually().until(() -> master.appliedOf(1).stream().anyMatch(r -> r.kind() == Report.Kind.FINISHED));
            eventually().until(() -> !master.polls.get(master.polls.size() - 1).held().contains(ref));
        }

        @Test
        void reportsAreRetriedUntilTheyHaveAVerdictAndKeepTheirOrder() {
            master.reportsToRefuse.set(3);
            start(config(master.url()));

            master.dispatch(TestDispatches.java(1, 1, "gate"));

            eventually().until(() -> master.appliedOf(1).size() == 1);
            TestHandlers.gate.countDown();
            eventually().until(() -> master.appliedOf(1).size() == 2);
            assertThat(master.reportRequests.size()).isGreaterThanOrEqualTo(4);
            assertThat(master.appliedOf(1)).extracting(Report::kind)
                    .containsExactly(Report.Kind.STARTED, Report.Kind.FINISHED);
            assertThat(TestHandlers.runs).containsExactly("1/1");
        }

        @Test
        void aCancelStopsTheAttemptAndNothingMoreIsReportedForIt() {
            start(config(master.url()));
            master.dispatch(TestDispatches.java(1, 1, "block"));
            eventually().until(() -> master.appliedOf(1).size() == 1);

            master.cancel(new AttemptRef(1, 1));

            eventually().until(() -> TestHandlers.interrupted.contains("1/1 cancelled=true"));
            eventually().until(() -> master.polls.get(master.polls.size() - 1).held().isEmpty());
            assertThat(master.appliedOf(1)).extracting(Report::kind).containsExactly(Report.Kind.STARTED);
            assertThat(master.events).doesNotContain("report FINISHED 1/1");
        }

        @Test
        void aStaleVerdictOnStartedFencesTheAttemptOff() {
            master.verdicts = report -> report.runId() == 1 ? Verdict.STALE : Verdict.APPLIED;
            start(config(master.url()));

            master.dispatch(TestDispatches.java(1, 1, "block"));

            eventually().until(() -> TestHandlers.interrupted.contains("1/1 cancelled=true"));
            assertThat(master.events).contains("report STARTED 1/1").doesNotContain("report FINISHED 1/1");
        }

        @Test
        void noMoreThanCapacityRunAtOnceAndTheRestWaitForTheirTurn() {
            start(config(master.url()).capacity(2));
            master.dispatch(TestDispatches.java(1, 1, "gate"));
            master.dispatch(TestDispatches.java(2, 1, "gate"));
            master.dispatch(TestDispatches.java(3, 1, "gate"));

            eventually().until(() -> TestHandlers.runs.size() == 2);
            eventually().until(() -> master.polls.size() > 5);
            assertThat(TestHandlers.runs).containsExactlyInAnyOrder("1/1", "2/1");

            TestHandlers.gate.countDown();

            eventually().until(() -> finishedOf(3) != null);
            assertThat(TestHandlers.runs).hasSize(3).endsWith("3/1");
        }

        @Test
        void shellJobsOnAWorkerWithoutShellFailAtOnceWithTheReason() {
            start(config(master.url()));

            master.dispatch(TestDispatches.bash(1, 1, 0, "echo should not run"));

            eventually().until(() -> finishedOf(1) != null);
            Report finished = finishedOf(1);
            assertThat(finished.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(finished.exitCode()).isEqualTo(-1);
            assertThat(finished.outputTail())
                    .isEqualTo("shell jobs are disabled on worker w1; start it with --enable-shell");
        }

        @Test
        void aShellJobRunsOnAWorkerWithShellEnabled() {
            start(config(master.url()).shellEnabled(true));

            master.dispatch(TestDispatches.bash(1, 1, 0, "echo attempt $KAIROS_ATTEMPT of $KAIROS_JOB_ID"));

            eventually().until(() -> finishedOf(1) != null);
            assertThat(finishedOf(1).outputTail()).isEqualTo("attempt 1 of job-1\n");
        }
    }

    @Nested
    class TermFencing {

        @Test
        void anAnswerFromAnOlderTermIsIgnoredAndItsDispatchNeverRuns() {
            WorkerAgent agent = start(config(master.url()));
            eventually().until(() -> master.polls.size() >= 1);

            master.script(new PollResponse(4, true, List.of(TestDispatches.java(66, 1, "record")), List.of()));
            eventually().until(() -> agent.fence().staleAnswers() == 1);
            master.dispatch(TestDispatches.java(2, 1, "record"));

            eventually().until(() -> finishedOf(2) != null);
            assertThat(TestHandlers.runs).containsExactly("2/1");
            assertThat(master.events).doesNotContain("report STARTED 66/1");
            assertThat(agent.fence().highestTerm()).isEqualTo(5);
        }

        @Test
        void aNewerTermIsAdoptedAndAnswersBelowItAreThenIgnored() {
            WorkerAgent agent = start(config(master.url()));
            eventually().until(() -> master.polls.size() >= 1);

            master.term = 7;
            eventually().until(() -> agent.fence().highestTerm() == 7);
            master.term = 6;
            master.dispatch(TestDispatches.java(3, 1, "record"));

            eventually().until(() -> agent.fence().staleAnswers() >= 2);
            assertThat(TestHandlers.runs).isEmpty();
        }
    }

    @Nested
    class FindingTheLeader {

        @Test
        void aRedirectIsFollowedToTheLeaderWithTheSameBody() throws IOException {
            AtomicInteger redirected = new AtomicInteger();
            HttpServer follower = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            follower.createContext("/", exchange -> {
                try (exchange) {
                    redirected.incrementAndGet();
                    exchange.getResponseHeaders().add("Location", master.url() + exchange.getRequestURI().getPath());
                    exchange.sendResponseHeaders(307, -1);
                }
            });
            follower.start();
            closeAfter.add(() -> follower.stop(0));

            start(config(URI.create("http://127.0.0.1:" + follower.getAddress().getPort())));
            master.dispatch(TestDispatches.java(1, 1, "record"));

            eventually().until(() -> finishedOf(1) != null);
            assertThat(master.registrations).hasSize(1);
            // The leader is remembered: only the first request went to the follower.
            assertThat(redirected.get()).isEqualTo(1);
        }

        @Test
        void aMasterRefusingConnectionsIsSkippedForTheNext() throws IOException {
            URI dead;
            try (ServerSocket socket = new ServerSocket(0)) {
                dead = URI.create("http://127.0.0.1:" + socket.getLocalPort());
            }

            start(config(dead, master.url()));
            master.dispatch(TestDispatches.java(1, 1, "record"));

            eventually().until(() -> finishedOf(1) != null);
            assertThat(master.registrations).hasSize(1);
        }

        @Test
        void aFollowerWithoutALeaderAnswers503AndTheWorkerWaitsItOut() throws IOException {
            AtomicInteger refused = new AtomicInteger();
            HttpServer follower = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            follower.createContext("/", exchange -> {
                try (exchange) {
                    byte[] body = "{\"error\":\"no_leader\",\"message\":\"election in progress\"}".getBytes();
                    exchange.getResponseHeaders().add("Retry-After", "0");
                    exchange.sendResponseHeaders(503, body.length);
                    exchange.getResponseBody().write(body);
                    refused.incrementAndGet();
                }
            });
            follower.start();
            closeAfter.add(() -> follower.stop(0));

            start(config(URI.create("http://127.0.0.1:" + follower.getAddress().getPort()), master.url()));

            eventually().until(() -> master.registrations.size() == 1);
            assertThat(refused.get()).isGreaterThanOrEqualTo(1);
        }
    }

    @Nested
    class Draining {

        @Test
        void drainLetsTheRunningAttemptFinishAndBeReportedThenDeregisters() throws Exception {
            WorkerAgent agent = start(config(master.url()));
            master.dispatch(TestDispatches.java(1, 1, "gate"));
            eventually().until(() -> master.appliedOf(1).size() == 1);

            CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(() -> {
                try {
                    return agent.drain();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            eventually().until(() -> master.polls.get(master.polls.size() - 1).draining());
            master.dispatch(TestDispatches.java(2, 1, "record")); // refused while draining
            eventually().until(() -> master.polls.size() > 3 && master.polls.get(master.polls.size() - 1).draining());
            assertThat(drained).isNotDone();

            TestHandlers.gate.countDown();

            assertThat(drained.get()).isTrue();
            assertThat(master.events).containsSubsequence("report FINISHED 1/1", "deregister");
            assertThat(master.events.get(master.events.size() - 1)).isEqualTo("deregister");
            assertThat(TestHandlers.runs).containsExactly("1/1");
        }

        @Test
        void whatIsStillRunningAtTheDrainTimeoutIsCancelledThenTheWorkerDeregisters() throws Exception {
            WorkerAgent agent = start(config(master.url()).drainTimeout(Duration.ofMillis(300)));
            master.dispatch(TestDispatches.java(1, 1, "block"));
            eventually().until(() -> master.appliedOf(1).size() == 1);

            assertThat(agent.drain()).isFalse();

            assertThat(TestHandlers.interrupted).containsExactly("1/1 cancelled=true");
            assertThat(master.events).contains("deregister").doesNotContain("report FINISHED 1/1");
        }
    }

    private WorkerConfig.Builder config(URI... masters) {
        return WorkerConfig.builder("w1", List.of(masters)).dataDir(dir).killGrace(Duration.ofMillis(200))
                .drainTimeout(Duration.ofSeconds(2));
    }

    private WorkerAgent start(WorkerConfig.Builder config) {
        WorkerAgent agent = new WorkerAgent(config.build());
        closeAfter.add(0, agent);
        agent.start();
        return agent;
    }

    private static ConditionFactory eventually() {
        return await().atMost(Duration.ofSeconds(20));
    }
}
