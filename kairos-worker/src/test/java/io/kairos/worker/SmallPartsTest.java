package io.kairos.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.kairos.api.worker.PollResponse;
import io.kairos.api.worker.Report.Outcome;
import io.kairos.api.worker.TaskSpec;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The small pure pieces. */
class SmallPartsTest {

    @Test
    void aRedirectsBaseIsItsLocationMinusTheRequestedPath() {
        assertThat(MasterClient.baseOf(URI.create("http://10.0.0.2:7070/v1/workers/w1/poll"), "/v1/workers/w1/poll"))
                .isEqualTo(URI.create("http://10.0.0.2:7070"));
        assertThat(MasterClient.baseOf(URI.create("https://lb/kairos/v1/workers/register"), "/v1/workers/register"))
                .isEqualTo(URI.create("https://lb/kairos"));
        assertThat(MasterClient.baseOf(URI.create("http://h:1/elsewhere"), "/v1/workers/register"))
                .isEqualTo(URI.create("http://h:1"));
    }

    @Test
    void theOutputTailKeepsTheLast4096Characters() {
        OutputTail tail = new OutputTail();
        tail.append("a".repeat(4000));
        tail.append("b".repeat(200));

        assertThat(tail.toString()).hasSize(4096).startsWith("a").endsWith("b".repeat(200));
        assertThat(OutputTail.withNote("x".repeat(5000), "note")).hasSize(4096).endsWith("x\nnote");
    }

    @Test
    void paramNamesBecomeEnvironmentVariableNames() {
        assertThat(ShellExecution.paramVariable("batch-size")).isEqualTo("KAIROS_PARAM_BATCH_SIZE");
        assertThat(ShellExecution.paramVariable("région.1")).isEqualTo("KAIROS_PARAM_R_GION_1");
    }

    @Test
    void termsOnlyGrowAndOlderAnswersAreCounted() {
        TermFence fence = new TermFence();

        assertThat(fence.admit(3, "a")).isTrue();
        assertThat(fence.admit(3, "b")).isTrue();
        assertThat(fence.admit(2, "c")).isFalse();
        assertThat(fence.admit(4, "d")).isTrue();

        assertThat(fence.highestTerm()).isEqualTo(4);
        assertThat(fence.staleAnswers()).isEqualTo(1);
    }

    @Test
    void aTaskTypeThisWorkerDoesNotKnowParsesAndIsRefusedNotFatal() throws Exception {
        String json = "{\"term\":3,\"registered\":true,\"cancels\":[],\"somethingNew\":1,\"dispatches\":[{"
                + "\"runId\":1,\"attempt\":1,\"jobId\":\"j\",\"scheduledMillis\":0,\"shardIndex\":0,"
                + "\"shardTotal\":1,\"params\":{},\"timeoutMillis\":0,\"task\":{\"type\":\"docker\",\"image\":\"x\"}}]}";

        PollResponse answer = Json.mapper().readValue(json, PollResponse.class);

        assertThat(answer.dispatches()).singleElement().satisfies(d -> assertThat(d.task()).isNull());
        WorkerConfig config = WorkerConfig.builder("w1", List.of(URI.create("http://127.0.0.1:1"))).build();
        assertThat(new TaskLauncher(config, Map.of()).prepare(answer.dispatches().get(0)).run())
                .isEqualTo(new AttemptResult(Outcome.FAILED, -1,
                        "the task's type is unknown to worker w1 (it runs shell, http and java tasks)"));
    }

    @Test
    void theLauncherCoversEveryTaskType() {
        List<TaskSpec> samples = List.of(new TaskSpec.Shell(List.of("true"), "", Map.of()),
                new TaskSpec.Http("GET", "http://127.0.0.1:1/", Map.of(), null), new TaskSpec.Java("noop"));
        WorkerConfig config = WorkerConfig.builder("w1", List.of(URI.create("http://127.0.0.1:1"))).build();
        TaskLauncher launcher = new TaskLauncher(config, Map.of());

        assertThat(samples.stream().map(Object::getClass).toList())
                .containsExactlyInAnyOrder(TaskSpec.class.getPermittedSubclasses());
        for (TaskSpec sample : samples) {
            assertThat(launcher.prepare(TestDispatches.of(1, 1, 0, sample))).isNotNull();
        }
    }

    @Test
    void backoffGrowsToItsCapWithJitter() {
        Backoff backoff = new Backoff(100, 1_000);
        long first = backoff.nextDelayMillis();
        for (int i = 0; i < 10; i++) {
            backoff.nextDelayMillis();
        }
        long late = backoff.nextDelayMillis();

        assertThat(first).isBetween(50L, 100L);
        assertThat(late).isBetween(500L, 1_000L);
    }
}
