package io.kairos.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kairos.scheduler.command.Command;
import io.kairos.scheduler.command.CommandCodec;
import io.kairos.scheduler.command.Result;
import io.kairos.scheduler.command.ResultCodec;
import io.kairos.scheduler.job.FailoverPolicy;
import io.kairos.scheduler.job.JobSpec;
import io.kairos.scheduler.job.MisfirePolicy;
import io.kairos.scheduler.job.OverlapPolicy;
import io.kairos.scheduler.job.RetryPolicy;
import io.kairos.scheduler.job.Schedule;
import io.kairos.scheduler.job.Target;
import io.kairos.scheduler.job.Task;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Bad input from outside is rejected precisely and the state machine keeps serving. */
class BadInputTest {

    static final JobSpec RATE = JobSpec.builder(new Schedule.FixedRate(1_000)).build();

    /** One of every command, for codec coverage. */
    static List<Command> everyCommand() {
        TreeMap<String, String> params = new TreeMap<>();
        params.put("k", "v");
        JobSpec full = JobSpec.builder(new Schedule.Cron("0 0/5 * * * ?", "Europe/Berlin")).startMillis(5)
                .endMillis(50).misfire(MisfirePolicy.fireAllUpTo(3)).overlap(OverlapPolicy.QUEUE_ONE)
                .retry(new RetryPolicy(3, 100, 1_000)).timeoutMillis(60_000)
                .target(new Target("etl", Target.Routing.SHARDING, 4)).historySize(7)
                .task(new Task.Shell(List.of("bash", "-c", "echo $X"), "/tmp", new TreeMap<>(Map.of("X", "1"))))
                .failover(FailoverPolicy.FAIL).build();
        JobSpec http = JobSpec.builder(new Schedule.OnDemand())
                .task(new Task.Http("POST", "https://example.com/hook", new TreeMap<>(Map.of("A", "b")), "{}"))
                .build();
        return List.of(new Command.CreateJob("a", full), new Command.UpdateJob("a", 3, RATE),
                new Command.CreateJob("h", http),
                new Command.PauseJob("a"), new Command.ResumeJob("a"), new Command.DeleteJob("a"),
                new Command.TriggerJob("a", params), new Command.Tick(42),
                new Command.Tick(43, List.of(new Command.Placement("a", 40, 2, "w"), new Command.Placement("h", 40, 0, "v"))),
                new Command.RegisterWorker("w", Set.of("x", "y"), 3), new Command.Assign(7, "w", 2),
                new Command.Started(7, 2), new Command.Finished(7, 2, Command.Outcome.FAILED, 137, "killed"),
                new Command.WorkerLost("w"), new Command.DeregisterWorker("w"), new Command.CancelRun(7));
    }

    @Test
    void everyCommandSurvivesTheCodecAndTheListCoversTheSealedInterface() {
        for (Command c : everyCommand()) {
            assertThat(CommandCodec.decode(CommandCodec.encode(c))).isEqualTo(c);
        }
        assertThat(everyCommand()).extracting(Object::getClass).map(Class::getSimpleName).containsExactlyInAnyOrder(
                Arrays.stream(Command.class.getPermittedSubclasses()).map(Class::getSimpleName)
                        .flatMap(n -> n.equals("CreateJob") || n.equals("Tick") ? Stream.of(n, n) : Stream.of(n)).toArray(String[]::new));
    }

    @Test
    void theStateMachineAppliesEveryKindOfCommand() {
        Driver d = new Driver();
        for (Command c : everyCommand()) {
            assertThat(d.apply(c)).isNotNull();
        }
    }

    @Test
    void everyResultSurvivesTheCodec() {
        for (Result r : List.of(new Result.Applied(3), new Result.Rejected("no"), new Result.Conflict(4),
                new Result.NotFound("job x"), new Result.StaleAttempt(9, 2))) {
            assertThat(ResultCodec.decode(ResultCodec.encode(r))).isEqualTo(r);
        }
    }

    @Test
    void malformedCommandBytesAreRejectedWithAPreciseReasonAndChangeNothing() {
        Driver d = new Driver().tick(1_000);
        byte[] digest = d.machine.digest();
        byte[] tick = CommandCodec.encode(new Command.Tick(5));
        assertThat(d.applyBytes(new byte[0])).isEqualTo(new Result.Rejected(
                "malformed command: truncated at offset 0 reading a byte (0 bytes)"));
        assertThat(d.applyBytes(new byte[] {9, 7})).isEqualTo(new Result.Rejected(
                "malformed command: format version 9, expected 1"));
        assertThat(d.applyBytes(new byte[] {1, 99})).isEqualTo(new Result.Rejected(
                "malformed command: unknown command tag 99 at offset 1"));
        assertThat(d.applyBytes(Arrays.copyOf(tick, tick.length - 1))).isEqualTo(new Result.Rejected(
                "malformed command: truncated at offset 2 reading a long (9 bytes)"));
        assertThat(d.applyBytes(Arrays.copyOf(tick, tick.length + 2))).isEqualTo(new Result.Rejected(
                "malformed command: 2 trailing bytes at offset 10"));
        assertThat(d.applyBytes(new byte[] {1, 3, 0x7f, 0, 0, 0})).isEqualTo(new Result.Rejected(
                "malformed command: string length 2130706432 at offset 2 exceeds the 0 bytes left"));
        assertThat(d.machine.digest()).isEqualTo(digest);
    }

    @Test
    void aCommandThatDecodesButFailsValidationIsRejectedWithTheValidationMessage() {
        Driver d = new Driver();
        byte[] tick = CommandCodec.encode(new Command.Tick(5));
        Arrays.fill(tick, 2, 10, (byte) 0xff); // -1
        assertThat(d.applyBytes(tick)).isEqualTo(new Result.Rejected("tick must not be negative, was -1"));
        byte[] badId = CommandCodec.encode(new Command.PauseJob("abc"));
        badId[badId.length - 1] = '/';
        assertThat(d.applyBytes(badId)).isEqualTo(new Result.Rejected(
                "job id must be 1 to 128 of [A-Za-z0-9._-], was 'ab/'"));
    }

    @Test
    void anInvalidCronIsRejectedAtCreateJobValidationOnTheWayInAndOnTheWayOut() {
        assertThatThrownBy(() -> new Schedule.Cron("0 0 25 * * ?", "UTC"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid cron expression '0 0 25 * * ?': ");
        assertThatThrownBy(() -> new Schedule.Cron("* * * * *", "UTC"))
                .hasMessageStartingWith("invalid cron expression '* * * * *': ");
        assertThatThrownBy(() -> new Schedule.Cron("0 0 * * * ?", "Mars/Olympus"))
                .hasMessage("unknown time zone 'Mars/Olympus'");
        // Bytes from a buggy or hostile client: swap a valid expression for an invalid one of the same length.
        byte[] bytes = CommandCodec.encode(new Command.CreateJob("c",
                JobSpec.builder(new Schedule.Cron("0 0 12 * * ?", "UTC")).build()));
        String encoded = new String(bytes, StandardCharsets.ISO_8859_1).replace("0 0 12 * * ?", "0 0 99 * * ?");
        Result r = new Driver().applyBytes(encoded.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(r).isInstanceOf(Result.Rejected.class);
        assertThat(((Result.Rejected) r).reason()).startsWith("invalid cron expression '0 0 99 * * ?': ");
    }

    /**
     * cron-utils 9.2.1 throws ArrayIndexOutOfBoundsException for "0/10 | * * * ?"; found by
     * {@code MalformedCommandPropertyTest.mutatedValidCommandsAreAnsweredWithAResult}, whose one-byte
     * mutation of a CreateJob made apply throw instead of answering Rejected.
     */
    @Test
    void aCronThatCrashesTheCronParserIsRejectedLikeAnyInvalidCron() {
        assertThatThrownBy(() -> new Schedule.Cron("0/10 | * * * ?", "UTC"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid cron expression '0/10 | * * * ?': ");
        byte[] bytes = CommandCodec.encode(new Command.CreateJob("c",
                JobSpec.builder(new Schedule.Cron("0/10 * * * * ?", "UTC")).build()));
        String encoded = new String(bytes, StandardCharsets.ISO_8859_1).replace("0/10 * * * * ?", "0/10 | * * * ?");
        Result r = new Driver().applyBytes(encoded.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(r).isInstanceOf(Result.Rejected.class);
        assertThat(((Result.Rejected) r).reason()).startsWith("invalid cron expression '0/10 | * * * ?': ");
    }

    @Test
    void negativeDurationsAreRejectedNamingTheValue() {
        assertThatThrownBy(() -> new Schedule.FixedRate(-5)).hasMessage("fixed rate period must be at least 1 ms, was -5");
        assertThatThrownBy(() -> new Schedule.FixedDelay(0)).hasMessage("fixed delay must be at least 1 ms, was 0");
        assertThatThrownBy(() -> new Schedule.OneShot(-1)).hasMessage("one-shot instant must not be negative, was -1");
        assertThatThrownBy(() -> new RetryPolicy(2, -1, 10)).hasMessage("backoff base must not be negative, was -1");
        assertThatThrownBy(() -> new RetryPolicy(2, 100, 10)).hasMessage("backoff cap 10 must not be below the base 100");
        assertThatThrownBy(() -> new RetryPolicy(0, 1, 1)).hasMessage("max attempts must be at least 1, was 0");
        assertThatThrownBy(() -> JobSpec.builder(new Schedule.OnDemand()).timeoutMillis(-3).build())
                .hasMessage("timeout must not be negative, was -3");
        assertThatThrownBy(() -> JobSpec.builder(new Schedule.OnDemand()).startMillis(10).endMillis(5).build())
                .hasMessage("end 5 must not be before start 10");
        assertThatThrownBy(() -> MisfirePolicy.fireAllUpTo(0))
                .hasMessage("FIRE_ALL_UP_TO needs a limit of at least 1, was 0");
        assertThatThrownBy(() -> new Command.Tick(-1)).hasMessage("tick must not be negative, was -1");
        assertThatThrownBy(() -> new Command.Placement("j", 5, -1, "w"))
                .hasMessage("shard index must not be negative, was -1");
        assertThatThrownBy(() -> new Command.Placement("j", 5, 0, "w/1"))
                .hasMessage("worker id must be 1 to 128 of [A-Za-z0-9._-], was 'w/1'");
        List<Command.Placement> tooMany = java.util.Collections.nCopies(Command.MAX_PLACEMENTS + 1,
                new Command.Placement("j", 5, 0, "w"));
        assertThatThrownBy(() -> new Command.Tick(5, tooMany))
                .hasMessage("a tick carries at most 4096 placements, had 4097");
        assertThatThrownBy(() -> new Command.Finished(1, 0, Command.Outcome.SUCCEEDED, 0, ""))
                .hasMessage("attempt must be at least 1, was 0");
    }

    @Test
    void unknownJobsRunsAndWorkersAreNotFound() {
        Driver d = new Driver();
        assertThat(d.apply(new Command.PauseJob("nope"))).isEqualTo(new Result.NotFound("job nope"));
        assertThat(d.apply(new Command.ResumeJob("nope"))).isEqualTo(new Result.NotFound("job nope"));
        assertThat(d.apply(new Command.DeleteJob("nope"))).isEqualTo(new Result.NotFound("job nope"));
        assertThat(d.trigger("nope")).isEqualTo(new Result.NotFound("job nope"));
        assertThat(d.apply(new Command.UpdateJob("nope", 1, RATE))).isEqualTo(new Result.NotFound("job nope"));
        assertThat(d.apply(new Command.Started(4, 1))).isEqualTo(new Result.NotFound("run 4"));
        assertThat(d.apply(new Command.Finished(4, 1, Command.Outcome.SUCCEEDED, 0, ""))).isEqualTo(
                new Result.NotFound("run 4"));
        assertThat(d.apply(new Command.WorkerLost("ghost"))).isEqualTo(new Result.NotFound("worker ghost"));
        d.create("dup", RATE);
        assertThat(d.apply(new Command.CreateJob("dup", RATE))).isEqualTo(new Result.Rejected("job dup already exists"));
    }

    @Test
    void queriesRoundTripThroughBytes() {
        Driver d = new Driver().tick(1_000).create("q", RATE).tick(2_000);
        SchedulerStateMachine m = d.machine;
        assertThat(QueryCodec.decodeJobs(m.query(QueryCodec.encode(new Query.JobById("q"))))).containsExactly(d.job("q"));
        assertThat(QueryCodec.decodeJobs(m.query(QueryCodec.encode(new Query.JobById("x"))))).isEmpty();
        assertThat(QueryCodec.decodeJobs(m.query(QueryCodec.encode(new Query.ListJobs())))).hasSize(1);
        assertThat(QueryCodec.decodeRuns(m.query(QueryCodec.encode(new Query.RunsOfJob("q"))))).isEqualTo(d.runs("q"));
        assertThat(QueryCodec.decodeRuns(m.query(QueryCodec.encode(new Query.DueRuns())))).isEqualTo(m.dueRuns());
        assertThat(QueryCodec.decodeOptionalLong(m.query(QueryCodec.encode(new Query.NextDue())))).hasValue(3_000);
        assertThat(m.query(QueryCodec.encode(new Query.Digest()))).isEqualTo(m.digest()).hasSize(32);
        assertThatThrownBy(() -> m.query(new byte[] {42})).hasMessage("malformed query: unknown query tag 42");
    }
}
