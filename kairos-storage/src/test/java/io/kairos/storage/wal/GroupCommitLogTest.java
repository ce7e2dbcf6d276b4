package io.kairos.storage.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kairos.raft.LogEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupCommitLogTest {

    private static final int APPENDERS = 16;
    private static final int APPENDS_PER_APPENDER = 200;
    /** Each appender keeps this many appends in flight before waiting for them. */
    private static final int IN_FLIGHT = 8;

    @TempDir
    Path dir;

    static byte[] payloadAt(long index) {
        return ("entry " + index).getBytes(StandardCharsets.UTF_8);
    }

    /** Runs {@link #APPENDERS} threads of appendNext and returns every acknowledged index. */
    private static List<Long> appendConcurrently(GroupCommitLog log) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(APPENDERS);
        try {
            List<Future<List<Long>>> results = new ArrayList<>();
            for (int t = 0; t < APPENDERS; t++) {
                results.add(pool.submit(() -> {
                    List<Long> acked = new ArrayList<>();
                    for (int i = 0; i < APPENDS_PER_APPENDER; i += IN_FLIGHT) {
                        List<CompletableFuture<Long>> inFlight = new ArrayList<>();
                        for (int j = 0; j < IN_FLIGHT; j++) {
                            inFlight.add(log.appendNext(1, GroupCommitLogTest::payloadAt));
                        }
                        for (CompletableFuture<Long> future : inFlight) {
                            acked.add(future.join());
                        }
                    }
                    return acked;
                }));
            }
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> result : results) {
                all.addAll(result.get());
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentAppendersGetDistinctIndexesAndEveryAcknowledgedEntrySurvivesReopening() throws Exception {
        List<Long> acked;
        try (GroupCommitLog log = new GroupCommitLog(WriteAheadLog.open(dir, WalOptions.defaults()), 10_000)) {
            acked = appendConcurrently(log);
        }
        int total = APPENDERS * APPENDS_PER_APPENDER;
        assertThat(acked).hasSize(total).doesNotHaveDuplicates().allMatch(i -> i >= 1 && i <= total);
        try (WriteAheadLog wal = WriteAheadLog.open(dir, WalOptions.defaults())) {
            assertThat(wal.lastIndex()).isEqualTo(total);
            List<LogEntry> entries = wal.entries(1, total + 1, Long.MAX_VALUE);
            for (LogEntry entry : entries) {
                assertThat(entry).isEqualTo(new LogEntry.Command(entry.index(), 1, payloadAt(entry.index())));
            }
        }
    }

    @Test
    void manyAppendsShareFewerFsyncsThanThereAreAppends() throws Exception {
        FaultInjection faults = new FaultInjection();
        GroupCommitLog log = new GroupCommitLog(WriteAheadLog.open(dir, WalOptions.defaults(), faults), 10_000);
        try {
            appendConcurrently(log);
        } finally {
            log.close();
        }
        long segmentForces = faults.forced.stream().filter(p -> p.toString().endsWith(".wal")).count();
        int appends = APPENDERS * APPENDS_PER_APPENDER;
        assertThat(segmentForces).isEqualTo(log.syncCount()).isPositive().isLessThan(appends);
    }

    @Test
    void explicitIndexesAreWrittenAsGivenAndAGapFailsOnlyItsOwnAppend() throws IOException {
        try (GroupCommitLog log = new GroupCommitLog(WriteAheadLog.open(dir, WalOptions.defaults()), 100)) {
            assertThat(log.append(Entries.range(1, 5, 1)).join()).isEqualTo(5);
            assertThat(log.append(Entries.entry(6, 2)).join()).isEqualTo(6);
            assertThatThrownBy(() -> log.append(Entries.entry(9, 2)).join())
                    .isInstanceOf(CompletionException.class)
                    .hasCauseInstanceOf(IllegalArgumentException.class);
            assertThat(log.appendNext("next".getBytes(StandardCharsets.UTF_8), 2).join()).isEqualTo(7);
        }
        try (WriteAheadLog wal = WriteAheadLog.open(dir, WalOptions.defaults())) {
            assertThat(wal.entries(1, 7, Long.MAX_VALUE)).isEqualTo(
                    concat(Entries.range(1, 5, 1), List.of(Entries.entry(6, 2))));
            assertThat(wal.entries(7, 8, Long.MAX_VALUE))
                    .containsExactly(new LogEntry.Command(7, 2, "next".getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void anAppendReplacedByALaterOneInTheSameBatchIsNotAcknowledged() throws Exception {
        CountDownLatch writerHeld = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (GroupCommitLog log = new GroupCommitLog(WriteAheadLog.open(dir, WalOptions.defaults()), 100)) {
            // The payload of index 1 is made on the writer thread: holding it there lets the next
            // two appends queue up behind it and so share the next batch.
            CompletableFuture<Long> first = log.appendNext(1, index -> {
                writerHeld.countDown();
                awaitUninterruptibly(release);
                return payloadAt(index);
            });
            writerHeld.await();
            CompletableFuture<Long> replaced = log.append(Entries.range(2, 3, 1));
            CompletableFuture<Long> replacing = log.append(Entries.entry(2, 2));
            release.countDown();

            assertThat(first.join()).isEqualTo(1);
            assertThat(replacing.join()).isEqualTo(2);
            assertThatThrownBy(replaced::join).hasCauseInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("entries up to 3 were replaced from index 2");
        }
        try (WriteAheadLog wal = WriteAheadLog.open(dir, WalOptions.defaults())) {
            assertThat(wal.lastIndex()).isEqualTo(2);
            assertThat(wal.term(2)).isEqualTo(2);
        }
    }

    @Test
    void aBatchMergesAppendsThatContinueTheLogAndFailsOnlyTheBadOnes() throws Exception {
        CountDownLatch writerHeld = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (GroupCommitLog log = new GroupCommitLog(WriteAheadLog.open(dir, WalOptions.defaults()), 100)) {
            CompletableFuture<Long> first = log.appendNext(1, index -> {
                writerHeld.countDown();
                awaitUninterruptibly(release);
                return payloadAt(index);
            });
            writerHeld.await();
            // All of these queue behind the held one and are written as the next batch.
            CompletableFuture<Long> next = log.appendNext(1, GroupCommitLogTest::payloadAt);
            CompletableFuture<Long> explicit = log.append(Entries.range(3, 4, 1));
            CompletableFuture<Long> gap = log.append(Entries.entry(9, 1));
            CompletableFuture<Long> badPayload = log.appendNext(1, index -> {
                throw new IllegalStateException("no payload for " + index);
            });
            CompletableFuture<Long> last = log.appendNext(1, GroupCommitLogTest::payloadAt);
            release.countDown();

            assertThat(first.join()).isEqualTo(1);
            assertThat(next.join()).isEqualTo(2);
            assertThat(explicit.join()).isEqualTo(4);
            assertThatThrownBy(gap::join).hasCauseInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("gap");
            assertThatThrownBy(badPayload::join).hasCauseInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("no payload for 5");
            assertThat(last.join()).isEqualTo(5);
        }
        try (WriteAheadLog wal = WriteAheadLog.open(dir, WalOptions.defaults())) {
            assertThat(wal.entries(1, wal.lastIndex() + 1, Long.MAX_VALUE)).containsExactly(
                    new LogEntry.Command(1, 1, payloadAt(1)), new LogEntry.Command(2, 1, payloadAt(2)),
                    Entries.entry(3, 1), Entries.entry(4, 1), new LogEntry.Command(5, 1, payloadAt(5)));
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aFailedFsyncFailsEveryPendingAndEveryLaterAppendAndIsNeverRetried() throws Exception {
        FaultInjection faults = new FaultInjection();
        faults.failForce();
        GroupCommitLog log = new GroupCommitLog(WriteAheadLog.open(dir, WalOptions.defaults(), faults), 10_000);
        List<CompletableFuture<Long>> pending = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            pending.add(log.appendNext(1, GroupCommitLogTest::payloadAt));
        }
        for (CompletableFuture<Long> future : pending) {
            assertThatThrownBy(future::join)
                    .isInstanceOf(CompletionException.class)
                    .hasCauseInstanceOf(IOException.class)
                    .hasMessageContaining("simulated fsync failure");
        }
        assertThatThrownBy(() -> log.appendNext(1, GroupCommitLogTest::payloadAt).join())
                .hasCauseInstanceOf(IOException.class)
                .hasMessageContaining("simulated fsync failure");
        log.close();
        assertThat(faults.forced).isEmpty();
        assertThat(log.syncCount()).isZero();
    }

    @Test
    void aFullQueueRejectsTheAppendAsBusyWithoutWritingIt() throws Exception {
        FaultInjection faults = new FaultInjection();
        GroupCommitLog log = new GroupCommitLog(WriteAheadLog.open(dir, WalOptions.defaults(), faults), 4);
        List<CompletableFuture<Long>> futures = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            futures.add(log.appendNext(1, GroupCommitLogTest::payloadAt));
        }
        log.close();
        long acked = 0;
        long busy = 0;
        for (CompletableFuture<Long> future : futures) {
            try {
                future.join();
                acked++;
            } catch (CompletionException e) {
                assertThat(e).hasCauseInstanceOf(GroupCommitBusyException.class);
                busy++;
            }
        }
        assertThat(busy).isPositive();
        try (WriteAheadLog wal = WriteAheadLog.open(dir, WalOptions.defaults())) {
            assertThat(wal.lastIndex()).isEqualTo(acked);
        }
    }

    @Test
    void closeDrainsWhatIsQueuedAndLaterAppendsAreRefused() throws Exception {
        GroupCommitLog log = new GroupCommitLog(WriteAheadLog.open(dir, WalOptions.defaults()), 10_000);
        List<CompletableFuture<Long>> futures = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            futures.add(log.appendNext(1, GroupCommitLogTest::payloadAt));
        }
        log.close();
        for (int i = 0; i < futures.size(); i++) {
            assertThat(futures.get(i)).isCompletedWithValue(i + 1L);
        }
        assertThatThrownBy(() -> log.appendNext(1, GroupCommitLogTest::payloadAt).join())
                .hasCauseInstanceOf(IllegalStateException.class);
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.getName().equals(GroupCommitLog.THREAD_NAME));
    }

    private static List<LogEntry> concat(List<LogEntry> a, List<LogEntry> b) {
        List<LogEntry> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
