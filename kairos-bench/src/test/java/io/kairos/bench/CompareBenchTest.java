package io.kairos.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareBenchTest {

    static final String RATIS_LINE = "{\"system\": \"ratis\", \"version\": \"3.3.0\", \"settings\": "
            + "{\"raft.server.log.unsafe-flush.enabled\": \"false (\\\"safe\\\")\", \"transport\": \"ratis-grpc\"}, "
            + "\"concurrency\": 64, \"ops\": 3756, \"seconds\": 5.051, \"opsPerSecond\": 743.6, \"p50Micros\": 79999, "
            + "\"p99Micros\": 167423, \"p999Micros\": 184447, \"failures\": 0, \"verified\": true, "
            + "\"verification\": \"each of 3 members holds exactly the 4985 acknowledged writes\"}";

    static final String FAILOVER_LINE = "{\"system\": \"sofajraft\", \"version\": \"1.4.1\", \"workload\": \"failover\", "
            + "\"settings\": {}, \"rounds\": 3, \"failoverMillis\": [2262, 2044, 3058], \"medianMillis\": 2262, "
            + "\"maxMillis\": 3058}";

    @TempDir
    Path dir;

    @Test
    void readsAFailoverResultIntoItsTable() {
        FailoverRow row = FailoverRow.of(Json.parseObject(FAILOVER_LINE));

        assertThat(row).isEqualTo(new FailoverRow("sofajraft", "1.4.1", 3, 2262, 3058));
        assertThat(FailoverRow.table(List.of(row)).lines().toList())
                .hasSize(2)
                .last().asString().contains("sofajraft", "1.4.1", "3", "2262", "3058");
    }

    @Test
    void optionsRejectAnUnknownWorkload() {
        assertThatThrownBy(() -> CompareBench.Options.parse(new String[] {"--workloads", "w2"}))
                .hasMessageContaining("unknown workload w2");
        assertThat(CompareBench.Options.parse(new String[0]).workloads()).containsExactly("w1", "failover");
    }

    @Test
    void readsAResultLineWithNestedSettingsAndEscapes() {
        Map<String, Object> json = Json.parseObject(RATIS_LINE);

        assertThat(json).containsEntry("system", "ratis").containsEntry("verified", true)
                .containsEntry("ops", 3756.0);
        assertThat(json.get("settings")).isEqualTo(Map.of(
                "raft.server.log.unsafe-flush.enabled", "false (\"safe\")", "transport", "ratis-grpc"));
        assertThat(W1Row.of(json)).isEqualTo(new W1Row("ratis", "3.3.0", 64, 743.6, 79999, 167423, 184447, true));
    }

    @Test
    void readsArraysNullsNegativeNumbersAndUnicodeEscapes() {
        assertThat(Json.parse(" [1, -2.5e3, null, false, \"\\u00e9\\n\", {}] "))
                .isEqualTo(java.util.Arrays.asList(1.0, -2500.0, null, false, "\u00e9\n", Map.of()));
    }

    @Test
    void rejectsMalformedJsonWithItsOffset() {
        assertThatThrownBy(() -> Json.parse("{\"a\": 1,}")).hasMessageContaining("expected a key at offset 8");
        assertThatThrownBy(() -> Json.parse("{\"a\": 1} x")).hasMessageContaining("trailing characters");
        assertThatThrownBy(() -> Json.parse("\"open")).hasMessageContaining("unterminated string");
    }

    @Test
    void aResultWithoutAFieldIsRejectedByName() {
        Map<String, Object> json = Json.parseObject("{\"system\": \"x\", \"version\": \"1\", \"concurrency\": 1}");

        assertThatThrownBy(() -> W1Row.of(json)).hasMessageContaining("no field opsPerSecond");
    }

    @Test
    void tableHasAHeaderAndOneLinePerResult() {
        String table = W1Row.table(List.of(
                new W1Row("ratis", "3.3.0", 1, 160.2, 4255, 23631, 36991, true),
                new W1Row("sofajraft", "1.4.1", 64, 4900.4, 6755, 107199, 259967, false)));

        List<String> lines = table.lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).contains("system", "concurrency", "ops/s", "p50 us", "p99 us", "p99.9 us", "verified");
        assertThat(lines.get(1)).contains("ratis", "3.3.0", " 1 ", "160", "4255", "23631", "36991", "yes");
        assertThat(lines.get(2)).contains("sofajraft", "64", "4900", "6755", "107199", "259967", "NO");
    }

    @Test
    void theResultIsTheLastJsonLineEvenWhenLogLinesFollowIt() {
        Optional<String> line = CompareBench.lastJsonLine(List.of(
                "12:00:00 WARN starting", RATIS_LINE, "12:00:09 WARN {shutdown hook} done", ""));

        assertThat(line).contains(RATIS_LINE);
        assertThat(CompareBench.lastJsonLine(List.of("no result", "{not json}"))).isEmpty();
    }

    @Test
    void compareJsonHoldsEveryResultAndParses() {
        CompareBench.Options options = CompareBench.Options.parse(
                new String[] {"--warmup", "1", "--measure", "2", "--concurrency", "4"});

        Object json = Json.parse(CompareBench.compareJson(options, List.of(RATIS_LINE, RATIS_LINE),
                List.of(FAILOVER_LINE), List.of("x c1: \"boom\"")));

        assertThat(json).isInstanceOf(Map.class);
        Map<?, ?> compare = (Map<?, ?>) json;
        assertThat((List<?>) compare.get("w1")).hasSize(2);
        assertThat((List<?>) compare.get("failover")).hasSize(1);
        assertThat(compare.get("failures")).isEqualTo(List.of("x c1: \"boom\""));
        assertThat(compare.get("measureSeconds")).isEqualTo(2.0);
        assertThat(options.concurrencies()).containsExactly(4);
    }

    @Test
    void runsASystemInItsOwnJvmAndReadsTheLastJsonLineItPrints() throws Exception {
        ComparedSystem fake = fakeSystem();
        CompareBench.Options options = CompareBench.Options.parse(
                new String[] {"--root", dir.toString(), "--out", dir.resolve("out").toString()});
        Files.createDirectories(dir.resolve("out"));

        String line = CompareBench.runChild(fake, "c4", fake.w1MainClass(), List.of("4", "1", "2"), options, 60);

        assertThat(W1Row.of(Json.parseObject(line))).isEqualTo(new W1Row("fake", "0", 4, 10.0, 5, 6, 7, true));
        assertThat(dir.resolve("out").resolve("compare-fake-c4.log")).content().contains("fake stopped");
    }

    @Test
    void aChildThatPrintsNoResultIsReportedWithItsExitCodeAndLog() throws Exception {
        ComparedSystem fake = fakeSystem();
        CompareBench.Options options = CompareBench.Options.parse(
                new String[] {"--root", dir.toString(), "--out", dir.resolve("out").toString()});
        Files.createDirectories(dir.resolve("out"));

        assertThatThrownBy(() -> CompareBench.runChild(fake, "c13", fake.w1MainClass(), List.of("13"), options, 60))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exit code 3")
                .hasMessageContaining("compare-fake-c13.log");
    }

    /** A "module" whose classpath file names this module's test classes, where {@link FakeSystemMain} lives. */
    private ComparedSystem fakeSystem() throws Exception {
        ComparedSystem fake = new ComparedSystem("fake", "kairos-bench-fake", FakeSystemMain.class.getName(),
                FakeSystemMain.class.getName(), List.of());
        Files.createDirectories(fake.classesDir(dir));
        Path testClasses = Path.of(FakeSystemMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Files.writeString(fake.classpathFile(dir), testClasses.toString());
        return fake;
    }

    @Test
    void aSystemIsRunOnlyWhenItsModuleWroteItsClasspath() throws Exception {
        ComparedSystem system = new ComparedSystem("x", "kairos-bench-x", "x.Put", "x.Failover", List.of());
        assertThat(system.isBuilt(dir)).isFalse();

        Files.createDirectories(system.classesDir(dir));
        Files.writeString(system.classpathFile(dir), "a.jar");

        assertThat(system.isBuilt(dir)).isTrue();
        assertThat(ComparedSystem.ALL).extracting(ComparedSystem::name).containsExactly("kairos", "ratis", "sofajraft");
    }
}
