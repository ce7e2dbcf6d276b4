package io.kairos.storage.wal;

import static org.assertj.core.api.Assertions.assertThat;

import io.kairos.raft.LogEntry;
import io.kairos.raft.Membership;
import io.kairos.raft.NodeId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Any sequence of appends (some overwriting a suffix), compactions and reopenings leaves the log
 * holding exactly what a model list holds. Segments are tiny so that rolling and segment deletion
 * happen in almost every run.
 */
class WriteAheadLogPropertyTest {

    private static final WalOptions TINY = new WalOptions(96);

    sealed interface Action permits Append, Compact, Reopen {}

    /** Appends {@code count} entries starting {@code back} entries before the end (0: at the end). */
    record Append(int back, int count, int payloadBytes, int kind) implements Action {}

    /** Compacts through {@code firstIndex - 1 + ahead}. */
    record Compact(int ahead) implements Action {}

    record Reopen() implements Action {}

    @Provide
    Arbitrary<List<Action>> actions() {
        Arbitrary<Action> append = Combinators.combine(
                        Arbitraries.integers().between(0, 6),
                        Arbitraries.integers().between(1, 6),
                        Arbitraries.integers().between(0, 40),
                        Arbitraries.integers().between(0, 2))
                .as(Append::new);
        Arbitrary<Action> compact = Arbitraries.integers().between(0, 12).map(Compact::new);
        Arbitrary<Action> reopen = Arbitraries.just(new Reopen());
        return Arbitraries.frequencyOf(
                        Tuple.of(6, append), Tuple.of(2, compact), Tuple.of(1, reopen))
                .list()
                .ofMaxSize(40);
    }

    @Property(tries = 200)
    void theLogAlwaysHoldsWhatTheModelHolds(@ForAll("actions") List<Action> actions) throws IOException {
        Path dir = Files.createTempDirectory("wal-property");
        Model model = new Model();
        WriteAheadLog wal = WriteAheadLog.open(dir, TINY);
        try {
            for (Action action : actions) {
                wal = apply(action, wal, model, dir);
                assertSame(wal, model);
            }
        } finally {
            wal.close();
            deleteRecursively(dir);
        }
    }

    private static WriteAheadLog apply(Action action, WriteAheadLog wal, Model model, Path dir) throws IOException {
        if (action instanceof Append a) {
            long start = Math.max(model.first, model.last() + 1 - a.back());
            model.term += a.back() > 0 ? 1 : 0;
            List<LogEntry> entries = new ArrayList<>();
            for (int i = 0; i < a.count(); i++) {
                entries.add(entry(start + i, model.term, a.payloadBytes(), a.kind() + i));
            }
            wal.append(entries);
            model.append(entries);
            return wal;
        } else if (action instanceof Compact c) {
            long through = model.first - 1 + c.ahead();
            wal.compactThrough(through);
            assertThat(wal.firstIndex())
                    .as("compaction removes nothing above %d", through)
                    .isBetween(model.first, Math.max(model.first, Math.min(through + 1, model.last() + 1)));
            model.dropBelow(wal.firstIndex());
            return wal;
        } else if (action instanceof Reopen) {
            wal.sync();
            wal.close();
            return WriteAheadLog.open(dir, TINY);
        }
        throw new AssertionError("unknown action " + action);
    }

    private static LogEntry entry(long index, long term, int payloadBytes, int kind) {
        switch (kind % 3) {
            case 0:
                byte[] payload = new byte[payloadBytes];
                Arrays.fill(payload, (byte) index);
                return new LogEntry.Command(index, term, payload);
            case 1:
                return new LogEntry.Noop(index, term);
            default:
                return new LogEntry.Config(index, term,
                        new Membership(Set.of(NodeId.of(1 + kind % 5)), Set.of(), Set.of(NodeId.of(9))));
        }
    }

    private static void assertSame(WriteAheadLog wal, Model model) throws IOException {
        assertThat(wal.firstIndex()).isEqualTo(model.first);
        assertThat(wal.lastIndex()).isEqualTo(model.last());
        for (LogEntry e : model.entries) {
            assertThat(wal.term(e.index())).isEqualTo(e.term());
        }
        assertThat(wal.entries(model.first, model.last() + 1, Long.MAX_VALUE)).isEqualTo(model.entries);
    }

    /** The log as a list: {@code entries.get(i).index() == first + i}. */
    private static final class Model {
        long first = 1;
        long term = 1;
        final List<LogEntry> entries = new ArrayList<>();

        long last() {
            return first + entries.size() - 1;
        }

        void append(List<LogEntry> newEntries) {
            long start = newEntries.get(0).index();
            while (last() >= start) {
                entries.remove(entries.size() - 1);
            }
            entries.addAll(newEntries);
        }

        void dropBelow(long newFirst) {
            while (first < newFirst) {
                entries.remove(0);
                first++;
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }
}
