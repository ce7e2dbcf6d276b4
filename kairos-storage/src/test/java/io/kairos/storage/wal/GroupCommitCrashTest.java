package io.kairos.storage.wal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.kairos.raft.LogEntry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Kills a real process that appends through a {@link GroupCommitLog} with SIGKILL
 * ({@link ProcessHandle#destroyForcibly()} on Linux) and checks that every entry it acknowledged is on disk
 * after recovery, and that recovery found at worst a torn tail.
 *
 * <p>Runs {@value #DEFAULT_ROUNDS} rounds by default; a soak runs more with
 * {@code -Dkairos.crash.rounds=300} (and {@code -Dkairos.crash.seed=...} to replay one).
 */
class GroupCommitCrashTest {

    static final int DEFAULT_ROUNDS = 25;
    /** Kill after up to this many acknowledgements. */
    static final int MAX_ACKS_BEFORE_KILL = 2_000;

    @TempDir
    Path root;

    private final ListAppender<ILoggingEvent> recoveryLog = new ListAppender<>();

    @BeforeEach
    void captureRecoveryWarnings() {
        recoveryLog.start();
        ((Logger) LoggerFactory.getLogger(SegmentRecovery.class)).addAppender(recoveryLog);
    }

    @AfterEach
    void stopCapturing() {
        ((Logger) LoggerFactory.getLogger(SegmentRecovery.class)).detachAppender(recoveryLog);
    }

    @Test
    void everyAcknowledgedEntrySurvivesSigkillOfTheAppendingProcess() throws Exception {
        int rounds = Integer.getInteger("kairos.crash.rounds", DEFAULT_ROUNDS);
        long seed = Long.getLong("kairos.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        long totalAcks = 0;
        for (int round = 0; round < rounds; round++) {
            int killAfterAcks = random.nextInt(MAX_ACKS_BEFORE_KILL + 1);
            String context = "seed " + seed + " (-Dkairos.crash.seed), round " + round + ", kill after "
                    + killAfterAcks + " acks";
            totalAcks += runRound(root.resolve("round-" + round), killAfterAcks, context);
        }
        assertThat(totalAcks).as("acknowledgements over all rounds, seed %d", seed).isPositive();
        System.out.printf("crash test: %d rounds, %d acknowledged entries checked, %d torn tails cut, seed %d%n",
                rounds, totalAcks, recoveryLog.list.size(), seed);
        assertThat(recoveryLog.list)
                .as("recovery may only report torn tails")
                .allMatch(event -> event.getFormattedMessage().contains("torn"));
    }

    /** Returns how many acknowledgements the child printed before it died. */
    private int runRound(Path dir, int killAfterAcks, String context) throws Exception {
        Files.createDirectories(dir);
        Path stderr = dir.resolveSibling(dir.getFileName() + ".stderr");
        Process child = new ProcessBuilder(javaExecutable(), "-cp", testClassPath(),
                GroupCommitCrashChild.class.getName(), dir.toString())
                .redirectError(stderr.toFile())
                .start();
        long maxAcked = 0;
        int acks = 0;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            boolean killed = false;
            while ((line = wholeLine(out)) != null) {
                if (line.startsWith(GroupCommitCrashChild.ACK)) {
                    acks++;
                    maxAcked = Math.max(maxAcked, Long.parseLong(line.substring(GroupCommitCrashChild.ACK.length())));
                }
                if (!killed && acks >= killAfterAcks) {
                    // Through the handle: Process.destroyForcibly would also close our end of the
                    // pipe, losing acknowledgements the child printed before it died.
                    child.toHandle().destroyForcibly();
                    killed = true;
                }
            }
            assertThat(killed).as("child exited before being killed: %s; stderr: %s", context,
                    Files.readString(stderr)).isTrue();
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).as(context).isTrue();
        }
        checkRecovered(dir, maxAcked, context);
        return acks;
    }

    private static void checkRecovered(Path dir, long maxAcked, String context) throws IOException {
        try (WriteAheadLog wal = WriteAheadLog.open(dir, GroupCommitCrashChild.OPTIONS)) {
            assertThat(wal.firstIndex()).as(context).isEqualTo(1);
            assertThat(wal.lastIndex()).as(context).isGreaterThanOrEqualTo(maxAcked);
            List<LogEntry> entries = new ArrayList<>();
            long next = 1;
            while (next <= wal.lastIndex()) {
                List<LogEntry> page = wal.entries(next, wal.lastIndex() + 1, 1 << 20);
                entries.addAll(page);
                next += page.size();
            }
            for (int i = 0; i < entries.size(); i++) {
                long index = i + 1;
                assertThat(entries.get(i)).as(context).isEqualTo(
                        new LogEntry.Command(index, GroupCommitCrashChild.TERM, GroupCommitCrashChild.payloadAt(index)));
            }
        }
    }

    /**
     * The next line ended by a newline, or null at the end of the stream. A line cut short by the
     * kill is dropped: it could read as a smaller index that was never acknowledged as such.
     */
    private static String wholeLine(BufferedReader in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                return line.toString();
            }
            line.append((char) c);
        }
        return null;
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Surefire may run tests from a manifest-only jar; it then names the real class path here. */
    private static String testClassPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }
}
