package io.kairos.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kairos.server.DevCluster;
import io.kairos.server.LocalCluster;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command of the command line against a live {@code kairos dev} (three masters and a worker). */
class CliAgainstDevTest {

    @TempDir
    static Path dir;
    static DevCluster dev;
    static String masters;
    static final List<String> fatal = new ArrayList<>();

    record Outcome(int code, String out, String err) {
    }

    @BeforeAll
    static void startDev() throws Exception {
        int api = LocalCluster.freeBlockOfThree(-1);
        int raft = LocalCluster.freeBlockOfThree(api);
        dev = DevCluster.start(dir, api, raft, false, (what, cause) -> fatal.add(what));
        // The last master first: a follower, most likely, so that redirects are exercised too.
        masters = "http://127.0.0.1:" + (api + 2) + ",http://127.0.0.1:" + api;
        await().atMost(Duration.ofSeconds(30)).until(() -> kairos("worker", "list").out.contains("dev-worker"));
    }

    @AfterAll
    static void stopDev() {
        dev.close();
        assertThat(fatal).isEmpty();
    }

    static Outcome kairos(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] withMasters = new String[args.length + 2];
        System.arraycopy(args, 0, withMasters, 0, args.length);
        withMasters[args.length] = "--masters";
        withMasters[args.length + 1] = masters;
        int code = KairosCli.run(new PrintWriter(out), new PrintWriter(err), withMasters);
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void aJobsWholeLifeFromTheCommandLine() {
        Outcome created = kairos("job", "create", "greet", "--every", "1s", "--shell", "echo hi from $KAIROS_JOB_ID",
                "--history", "50");
        assertThat(created.code).as(created.err).isZero();
        assertThat(created.out).isEqualTo("created job greet (version 1)\n");

        Outcome list = kairos("job", "list");
        assertThat(list.out.lines().findFirst().orElseThrow().split(" +")).containsExactly("JOB", "VERSION", "SCHEDULE",
                "TASK", "NEXT", "FIRE", "PAUSED", "FIRED", "SKIPPED");
        assertThat(list.out.lines().filter(l -> l.startsWith("greet ")).findFirst().orElseThrow())
                .matches("greet +1 +every 1000 ms +shell +20\\d\\d-.*Z +no +\\d+ +0");

        await().atMost(Duration.ofSeconds(20)).until(() -> kairos("job", "runs", "greet").out.contains("SUCCEEDED"));
        Outcome runs = kairos("job", "runs", "greet", "--json");
        assertThat(runs.out).contains("\"outputTail\" : \"hi from greet\\n\"");
        long runId = Long.parseLong(runs.out.replaceAll("(?s).*?\"runId\" : (\\d+).*", "$1"));
        assertThat(kairos("run", "get", String.valueOf(runId)).out).contains("\"jobId\" : \"greet\"");
        assertThat(kairos("run", "log", String.valueOf(runId)).out).isEqualTo("hi from greet\n");
        assertThat(kairos("run", "list").out).startsWith("RUN");
        Outcome ended = kairos("run", "cancel", String.valueOf(runId));
        assertThat(ended.code).isEqualTo(1);
        assertThat(ended.err).startsWith("kairos: 409 already_ended: run " + runId + " already ended SUCCEEDED");

        assertThat(kairos("job", "pause", "greet").out).isEqualTo("paused job greet\n");
        assertThat(kairos("job", "get", "greet").out).contains("\"paused\" : true");
        assertThat(kairos("job", "resume", "greet").out).isEqualTo("resumed job greet\n");
        assertThat(kairos("job", "trigger", "greet", "-p", "who=cli").out).startsWith("triggered job greet: run ");

        Outcome stale = kairos("job", "update", "greet", "--version", "7", "--every", "2s", "--shell", "true");
        assertThat(stale.code).isEqualTo(1);
        assertThat(stale.err).isEqualTo("kairos: 409 version_conflict: job 'greet' is at version 1; read it again and"
                + " retry with that version\n");
        assertThat(kairos("job", "update", "greet", "--version", "1", "--every", "2s", "--shell", "true").out)
                .isEqualTo("updated job greet (version 2)\n");
        assertThat(kairos("job", "delete", "greet").out).isEqualTo("deleted job greet\n");
        assertThat(kairos("job", "get", "greet").err).isEqualTo("kairos: 404 not_found: no job 'greet'\n");
    }

    @Test
    void badInputIsRefusedWithTheServersOwnWords() throws Exception {
        Outcome cron = kairos("job", "create", "bad", "--cron", "0 0 99 * * ?", "--java", "noop");
        assertThat(cron.code).isEqualTo(1);
        assertThat(cron.err).startsWith("kairos: 400 bad_request: invalid cron expression '0 0 99 * * ?'");
        Outcome duration = kairos("job", "create", "bad", "--every", "soon", "--java", "noop");
        assertThat(duration.err).isEqualTo("kairos: --every takes a duration like 500ms, 10s, 5m, 2h or 1d; got 'soon'\n");
        Outcome twoSchedules = kairos("job", "create", "bad", "--every", "1s", "--on-demand", "--java", "noop");
        assertThat(twoSchedules.code).isEqualTo(2);
        assertThat(twoSchedules.err).contains("mutually exclusive");

        Path spec = dir.resolve("spec.json");
        Files.writeString(spec, "{\"schedule\":{\"type\":\"onDemand\"},\"task\":{\"type\":\"java\",\"handler\":\"noop\"},"
                + "\"target\":{\"routing\":\"SHARDING\",\"shards\":3}}");
        assertThat(kairos("job", "create", "sharded", "--file", spec.toString()).code).isZero();
        assertThat(kairos("job", "get", "sharded").out).contains("\"shards\" : 3");
    }

    @Test
    void clusterStatusListsEachMasterAndWorkersAreListed() {
        StringWriter out = new StringWriter();
        int port = Integer.parseInt(masters.replaceAll(".*:(\\d+)$", "$1"));
        int code = KairosCli.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "cluster", "status",
                "--masters", "http://127.0.0.1:" + port + ",http://127.0.0.1:" + (port + 1) + ",http://127.0.0.1:"
                        + (port + 2) + ",http://127.0.0.1:1");
        assertThat(code).isZero();
        List<String> rows = out.toString().lines().skip(1).toList();
        assertThat(rows).hasSize(4);
        assertThat(rows).filteredOn(l -> l.contains(" LEADER ")).hasSize(1);
        assertThat(rows).filteredOn(l -> l.contains(" FOLLOWER ")).hasSize(2);
        assertThat(rows.get(3)).startsWith("http://127.0.0.1:1 ").contains("unreachable");
        Outcome workers = kairos("worker", "list");
        assertThat(workers.out).contains("dev-worker  alive").contains("kairos.shell");
    }

    @Test
    void noMasterAnsweringIsSaidPlainly() {
        StringWriter err = new StringWriter();
        int code = KairosCli.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "job", "list",
                "--masters", "http://127.0.0.1:1");
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).startsWith("kairos: no master answered: http://127.0.0.1:1 (");
    }
}
