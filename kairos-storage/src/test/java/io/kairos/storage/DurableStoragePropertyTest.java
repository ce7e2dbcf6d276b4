package io.kairos.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.kairos.raft.HardState;
import io.kairos.raft.LogEntry;
import io.kairos.raft.Membership;
import io.kairos.raft.MemoryStorage;
import io.kairos.raft.NodeId;
import io.kairos.raft.Snapshot;
import io.kairos.raft.SnapshotMeta;
import io.kairos.raft.Storage;
import io.kairos.storage.snapshot.SnapshotWriter;
import io.kairos.storage.state.DataDirectory;
import io.kairos.storage.wal.WalOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * {@link MemoryStorage} is the model: any sequence of appends (some overwriting a suffix), hard
 * states, local snapshots, installed leader snapshots and reopenings leaves {@link DurableStorage} showing the same {@link Storage}
 * view. Segments are tiny so that compaction deletes files and hides entries of kept segments.
 */
class DurableStoragePropertyTest {

    private static final WalOptions TINY = new WalOptions(128);
    private static final NodeId NODE = NodeId.of(1);
    private static final Membership INITIAL = Membership.ofVoters(NodeId.of(1), NodeId.of(2), NodeId.of(3));

    sealed interface Action permits Append, SetHardState, TakeSnapshot, InstallLeaderSnapshot, Reopen {}

    /** Appends {@code count} entries of {@code term} starting {@code back} entries before the end. */
    record Append(int back, int count, int term) implements Action {}

    record SetHardState(int term, int commitIndex, boolean voted) implements Action {}

    /** Snapshots at {@code back} entries before the last index. */
    record TakeSnapshot(int back, int voters) implements Action {}

    /**
     * Installs a leader's snapshot {@code ahead} entries after the current snapshot (1 or more);
     * within the log its term matches the entry there unless {@code conflicting}.
     */
    record InstallLeaderSnapshot(int ahead, boolean conflicting, int term) implements Action {}

    record Reopen() implements Action {}

    @Provide
    Arbitrary<List<Action>> actions() {
        Arbitrary<Action> append = Combinators.combine(Arbitraries.integers().between(0, 5),
                Arbitraries.integers().between(1, 6), Arbitraries.integers().between(1, 5)).as(Append::new);
        Arbitrary<Action> hardState = Combinators.combine(Arbitraries.integers().between(0, 9),
                Arbitraries.integers().between(0, 50), Arbitraries.of(true, false)).as(SetHardState::new);
        Arbitrary<Action> snapshot = Combinators.combine(Arbitraries.integers().between(0, 8),
                Arbitraries.integers().between(1, 3)).as(TakeSnapshot::new);
        Arbitrary<Action> install = Combinators.combine(Arbitraries.integers().between(1, 12),
                Arbitraries.of(true, false), Arbitraries.integers().between(1, 6)).as(InstallLeaderSnapshot::new);
        return Arbitraries.frequencyOf(Tuple.of(6, append), Tuple.of(2, hardState), Tuple.of(2, snapshot),
                Tuple.of(1, install), Tuple.of(1, Arbitraries.just(new Reopen()))).list().ofMaxSize(30);
    }

    @Property(tries = 200)
    void durableStorageShowsWhatMemoryStorageShows(@ForAll("actions") List<Action> actions) throws IOException {
        Path path = Files.createTempDirectory("durable-property");
        try {
            MemoryStorage model = MemoryStorage.bootstrap(INITIAL);
            DataDirectory bootDir = DataDirectory.open(path, NODE, "prop");
            DurableStorage.bootstrap(bootDir, INITIAL);
            DurableStorage real = DurableStorage.open(bootDir, TINY);
            try {
                for (Action action : actions) {
                    real = apply(action, model, real, path);
                    assertSameView(real, model);
                }
                real.sync();
                real.close();
                real = open(path);
                assertSameView(real, model);
            } finally {
                real.close();
            }
        } finally {
            deleteRecursively(path);
        }
    }

    private static DurableStorage apply(Action action, MemoryStorage model, DurableStorage real, Path path)
            throws IOException {
        if (action instanceof Append a) {
            long first = Math.max(model.firstIndex(), model.lastIndex() + 1 - a.back());
            List<LogEntry> entries = new ArrayList<>();
            for (long i = first; i < first + a.count(); i++) {
                entries.add(new LogEntry.Command(i, a.term(), new byte[(int) (i % 7)]));
            }
            model.append(entries);
            real.append(entries);
        } else if (action instanceof SetHardState h) {
            HardState state = new HardState(h.term(), h.voted() ? NodeId.of(2) : null, h.commitIndex());
            model.setHardState(state);
            real.setHardState(state);
        } else if (action instanceof TakeSnapshot t) {
            long index = Math.max(0, model.lastIndex() - t.back());
            Membership membership = Membership.ofVoters(
                    t.voters() == 1 ? new NodeId[] {NODE} : new NodeId[] {NODE, NodeId.of(t.voters())});
            model.createSnapshot(index, membership, Snapshot.NO_PAYLOAD);
            real.createSnapshot(index, membership, out -> out.write(new byte[] {(byte) index}));
        } else if (action instanceof InstallLeaderSnapshot i) {
            long index = model.snapshot().index() + i.ahead();
            long term = index > model.lastIndex() ? i.term() : model.term(index) + (i.conflicting() ? 1 : 0);
            SnapshotMeta meta = new SnapshotMeta(index, term, INITIAL);
            model.installSnapshot(new Snapshot(meta, Snapshot.NO_PAYLOAD));
            try (SnapshotWriter writer = real.snapshotStore().begin(meta)) {
                real.installSnapshot(writer.commit());
            }
        } else if (action instanceof Reopen) {
            // Only synced entries survive; the core syncs before it reports them persisted.
            real.sync();
            real.close();
            return open(path);
        } else {
            throw new AssertionError("unknown action " + action);
        }
        return real;
    }

    private static DurableStorage open(Path path) throws IOException {
        return DurableStorage.open(DataDirectory.open(path, NODE, "prop"), TINY);
    }

    private static void assertSameView(Storage real, Storage model) {
        assertThat(real.hardState()).isEqualTo(model.hardState());
        assertThat(real.snapshot().meta()).isEqualTo(model.snapshot().meta());
        assertThat(real.firstIndex()).isEqualTo(model.firstIndex());
        assertThat(real.lastIndex()).isEqualTo(model.lastIndex());
        for (long i = model.firstIndex() - 1; i <= model.lastIndex(); i++) {
            assertThat(real.term(i)).as("term at %d", i).isEqualTo(model.term(i));
        }
        assertThat(real.entries(real.firstIndex(), real.lastIndex() + 1, Long.MAX_VALUE))
                .isEqualTo(model.entries(model.firstIndex(), model.lastIndex() + 1, Long.MAX_VALUE));
        assertThat(real.entries(real.firstIndex(), real.lastIndex() + 1, 40))
                .isEqualTo(model.entries(model.firstIndex(), model.lastIndex() + 1, 40));
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
