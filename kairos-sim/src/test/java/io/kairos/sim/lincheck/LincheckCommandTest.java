package io.kairos.sim.lincheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LincheckCommandTest {

    private static final Path TESTDATA = SharedTestData.linearizability();
    private static final String KV_OK = TESTDATA.resolve("kv/c01-ok.txt").toString();
    private static final String KV_BAD = TESTDATA.resolve("kv/c01-bad.txt").toString();
    private static final String ETCD_OK = TESTDATA.resolve("jepsen-etcd/etcd_002.log").toString();
    private static final String ETCD_BAD = TESTDATA.resolve("jepsen-etcd/etcd_000.log").toString();

    /** One run of the command: its exit code and what it printed, line by line. */
    private record Run(int exitCode, List<String> out, List<String> err) {

        static Run of(String... args) {
            var out = new ByteArrayOutputStream();
            var err = new ByteArrayOutputStream();
            int exitCode = LincheckCommand.run(args, print(out), print(err));
            return new Run(exitCode, lines(out), lines(err));
        }

        private static PrintStream print(ByteArrayOutputStream bytes) {
            return new PrintStream(bytes, true, StandardCharsets.UTF_8);
        }

        private static List<String> lines(ByteArrayOutputStream bytes) {
            return bytes.toString(StandardCharsets.UTF_8).lines().toList();
        }
    }

    @Nested
    class Verdicts {

        @Test
        void aLinearizableFileGetsOneLineAndExitCodeZero() {
            var run = Run.of("--model", "kv", KV_OK);

            assertThat(run.exitCode()).isEqualTo(LincheckCommand.LINEARIZABLE);
            assertThat(run.out()).containsExactly(KV_OK + " linearizable");
            assertThat(run.err()).isEmpty();
        }

        @Test
        void aNonLinearizableFileIsFollowedByItsSmallestFailingKeyAndWindowAndExitCodeOne() {
            var run = Run.of("--model=kv", KV_BAD);

            assertThat(run.exitCode()).isEqualTo(LincheckCommand.NOT_LINEARIZABLE);
            assertThat(run.out().get(0)).isEqualTo(KV_BAD + " not-linearizable");
            assertThat(run.out().get(1))
                    .matches("  key \"\\d+\": \\d+ operations; the longest linearizable prefix has \\d+");
            assertThat(run.out()).contains("  none of these pending operations can come next:");
            assertThat(run.out().subList(1, run.out().size())).allMatch(line -> line.startsWith("  "));
        }

        @Test
        void everyFileGetsAVerdictAndOneFailureFailsTheRun() {
            var run = Run.of("--model", "register", ETCD_OK, ETCD_BAD);

            assertThat(run.exitCode()).isEqualTo(LincheckCommand.NOT_LINEARIZABLE);
            assertThat(run.out().get(0)).isEqualTo(ETCD_OK + " linearizable");
            assertThat(run.out().get(1)).isEqualTo(ETCD_BAD + " not-linearizable");
            assertThat(run.out().get(2)).startsWith("  key \"register\": ");
        }

        @Test
        void helpPrintsTheUsage() {
            var run = Run.of("--help");

            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).containsExactly(
                    "usage: kairos lincheck --model register|kv [--timeout-seconds N] FILE...");
        }
    }

    @Nested
    class UsageErrors {

        @Test
        void theModelIsRequired() {
            assertUsageError(Run.of(KV_OK), "kairos lincheck: --model register|kv is required");
        }

        @Test
        void anUnknownModelIsRejected() {
            assertUsageError(Run.of("--model", "queue", KV_OK),
                    "kairos lincheck: unknown model 'queue', expected register or kv");
        }

        @Test
        void atLeastOneFileIsRequired() {
            assertUsageError(Run.of("--model", "kv"), "kairos lincheck: no history FILE given");
        }

        @Test
        void anOptionWithoutItsValueIsRejected() {
            assertUsageError(Run.of(KV_OK, "--model"), "kairos lincheck: --model needs a value");
        }

        @Test
        void anUnknownOptionIsRejected() {
            assertUsageError(Run.of("--model", "kv", "--fast", KV_OK), "kairos lincheck: unknown option --fast");
        }

        @Test
        void theTimeoutMustBeAPositiveNumberOfSeconds() {
            assertUsageError(Run.of("--model", "kv", "--timeout-seconds", "0", KV_OK),
                    "kairos lincheck: --timeout-seconds needs a positive whole number, not '0'");
        }

        private void assertUsageError(Run run, String message) {
            assertThat(run.exitCode()).isEqualTo(LincheckCommand.USAGE_ERROR);
            assertThat(run.out()).isEmpty();
            assertThat(run.err()).containsExactly(message,
                    "usage: kairos lincheck --model register|kv [--timeout-seconds N] FILE...");
        }
    }

    @Nested
    class UnreadableFiles {

        @Test
        void aMissingFileIsNamedAndNothingIsChecked(@TempDir Path dir) {
            String missing = dir.resolve("missing.txt").toString();

            var run = Run.of("--model", "kv", KV_OK, missing);

            assertThat(run.exitCode()).isEqualTo(LincheckCommand.USAGE_ERROR);
            assertThat(run.out()).isEmpty();
            assertThat(run.err()).containsExactly("kairos lincheck: cannot read " + missing + ": no such file");
        }

        @Test
        void aMalformedFileIsReportedWithItsLine(@TempDir Path dir) throws IOException {
            Path file = dir.resolve("broken.txt");
            Files.writeString(file, "{:process 0, :type :invoke, :f :get, :key \"a\", :value nil}\n{:process 0\n");

            var run = Run.of("--model", "kv", file.toString());

            assertThat(run.exitCode()).isEqualTo(LincheckCommand.USAGE_ERROR);
            assertThat(run.err()).containsExactly(
                    "kairos lincheck: " + file + ":2: unexpected end of line at column 12: {:process 0");
        }

        @Test
        void aRegisterLogReadAsKvIsRejectedAtItsFirstLine() {
            var run = Run.of("--model", "kv", ETCD_OK);

            assertThat(run.exitCode()).isEqualTo(LincheckCommand.USAGE_ERROR);
            assertThat(run.err()).singleElement().asString().startsWith("kairos lincheck: " + ETCD_OK + ":1: ");
        }
    }
}
