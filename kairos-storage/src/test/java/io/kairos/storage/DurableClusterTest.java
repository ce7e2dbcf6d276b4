package io.kairos.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.kairos.raft.LogEntry;
import io.kairos.raft.Membership;
import io.kairos.raft.NodeId;
import io.kairos.raft.ProposeResult;
import io.kairos.raft.RaftConfig;
import io.kairos.raft.RaftNode;
import io.kairos.raft.Ready;
import io.kairos.raft.Role;
import io.kairos.raft.Snapshot;
import io.kairos.raft.message.Message;
import io.kairos.storage.snapshot.ChunkOutcome;
import io.kairos.storage.snapshot.FileSnapshotPayload;
import io.kairos.storage.snapshot.SnapshotChunks;
import io.kairos.storage.snapshot.SnapshotReceiver;
import io.kairos.storage.state.DataDirectory;
import io.kairos.storage.wal.WalOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real {@link RaftNode}s, each on a {@link DurableStorage} in its own data directory, wired
 * by an in-memory network driven by ticks (no sleeps). The Ready loop is {@code TestCluster}'s,
 * simplified: persist (append, sync, hard state), then send, then apply, then advance. Every node
 * is closed and reopened from disk; the cluster elects again and loses no committed entry.
 *
 * <p>The state machine is the list of applied commands; its snapshot content is that list, one
 * command a line. A leader's snapshot reaches a follower in chunks through the follower's
 * {@link SnapshotReceiver}, as the transport will carry it.
 */
class DurableClusterTest {

    private static final List<NodeId> IDS = List.of(NodeId.of(1), NodeId.of(2), NodeId.of(3));
    private static final WalOptions SMALL = new WalOptions(512);

    @TempDir
    Path root;

    private final Map<NodeId, RaftNode> nodes = new TreeMap<>();
    private final Map<NodeId, DurableStorage> storages = new HashMap<>();
    private final Map<NodeId, List<String>> applied = new HashMap<>();
    private final ArrayDeque<Message> network = new ArrayDeque<>();
    private int generation;

    @Test
    void aClusterReopenedFromItsDataDirectoriesReelectsAndKeepsEveryCommittedEntry() throws IOException {
        bootstrapAll();
        startAll();
        RaftNode leader = awaitLeader();
        for (int i = 0; i < 100; i++) {
            ProposeResult result = leader.propose(("command " + i).getBytes(StandardCharsets.UTF_8));
            assertThat(result).isInstanceOf(ProposeResult.Accepted.class);
            stabilize();
        }
        tickUntil(() -> IDS.stream().allMatch(id -> applied.get(id).size() == 100));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            expected.add("command " + i);
        }
        long committed = leader.commitIndex();

        closeAll();
        startAll();
        RaftNode newLeader = awaitLeader();

        assertThat(newLeader.term()).isGreaterThan(leader.term());
        for (NodeId id : IDS) {
            DurableStorage s = storages.get(id);
            assertThat(s.lastIndex()).as("last index of %s", id).isGreaterThanOrEqualTo(committed);
            assertThat(commandsIn(s.entries(s.firstIndex(), committed + 1, Long.MAX_VALUE))).isEqualTo(expected);
        }
        newLeader.propose("after restart".getBytes(StandardCharsets.UTF_8));
        tickUntil(() -> IDS.stream().allMatch(id -> applied.get(id).contains("after restart")));
        List<String> all = new ArrayList<>(expected);
        all.add("after restart");
        for (NodeId id : IDS) {
            assertThat(applied.get(id)).as("applied on %s after restart", id).isEqualTo(all);
        }
        closeAll();
    }

    @Test
    void aFollowerThatMissedCompactedEntriesIsSentTheSnapshotAndKeepsItAcrossARestart() throws IOException {
        bootstrapAll();
        startAll();
        RaftNode leader = awaitLeader();
        List<String> expected = new ArrayList<>();
        proposeAll(leader, 0, 20, expected);
        NodeId lagging = IDS.stream().filter(id -> !id.equals(leader.id())).findFirst().orElseThrow();
        stop(lagging);
        proposeAll(leader, 20, 50, expected);
        for (RaftNode node : nodes.values()) {
            List<String> state = List.copyOf(applied.get(node.id()));
            storages.get(node.id()).createSnapshot(node.appliedIndex(), node.membership(),
                    out -> out.write(String.join("\n", state).getBytes(StandardCharsets.UTF_8)));
        }
        long snapshotIndex = storages.get(leader.id()).snapshot().index();
        assertThat(storages.get(leader.id()).firstIndex()).isEqualTo(snapshotIndex + 1);

        start(lagging);
        tickUntil(() -> applied.get(lagging).equals(expected));
        DurableStorage caughtUp = storages.get(lagging);
        assertThat(caughtUp.snapshot().index()).isGreaterThanOrEqualTo(snapshotIndex);
        assertThat(caughtUp.firstIndex()).isEqualTo(caughtUp.snapshot().index() + 1);

        closeAll();
        startAll();
        RaftNode newLeader = awaitLeader();
        proposeAll(newLeader, 50, 51, expected);
        tickUntil(() -> IDS.stream().allMatch(id -> applied.get(id).equals(expected)));
        assertThat(storages.get(lagging).snapshot().index()).isGreaterThanOrEqualTo(snapshotIndex);
        closeAll();
    }

    private void bootstrapAll() throws IOException {
        for (NodeId id : IDS) {
            try (DataDirectory dir = DataDirectory.open(root.resolve("n" + id.value()), id, "e2e")) {
                DurableStorage.bootstrap(dir, Membership.ofVoters(IDS.toArray(NodeId[]::new)));
            }
        }
    }

    private void proposeAll(RaftNode leader, int from, int to, List<String> expected) {
        for (int i = from; i < to; i++) {
            String command = "command " + i;
            assertThat(leader.propose(command.getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(ProposeResult.Accepted.class);
            expected.add(command);
            stabilize();
        }
        tickUntil(() -> nodes.keySet().stream().allMatch(id -> applied.get(id).equals(expected)));
    }

    private void startAll() throws IOException {
        generation++;
        for (NodeId id : IDS) {
            start(id);
        }
    }

    /** Opens a node from its data directory; its state machine starts from its snapshot's content. */
    private void start(NodeId id) throws IOException {
        DurableStorage storage = DurableStorage.open(DataDirectory.open(root.resolve("n" + id.value()), id, "e2e"),
                SMALL);
        RaftConfig config = RaftConfig.builder(id, new Random(31L * generation + id.value()))
                .electionTimeoutTicks(10).heartbeatTicks(1).leaseDriftMarginTicks(2).build();
        storages.put(id, storage);
        nodes.put(id, new RaftNode(config, storage));
        applied.put(id, restore(storage.snapshot()));
    }

    /** Stops a node: its messages in flight are lost, and it keeps only what it synced. */
    private void stop(NodeId id) throws IOException {
        network.removeIf(m -> m.to().equals(id) || m.from().equals(id));
        nodes.remove(id);
        storages.remove(id).close();
    }

    private void closeAll() throws IOException {
        for (NodeId id : List.copyOf(nodes.keySet())) {
            stop(id);
        }
    }

    private RaftNode awaitLeader() {
        tickUntil(() -> nodes.values().stream().anyMatch(n -> n.role() == Role.LEADER));
        RaftNode leader = nodes.values().stream().filter(n -> n.role() == Role.LEADER).findFirst().orElseThrow();
        stabilize();
        return leader;
    }

    private void tickUntil(BooleanSupplier done) {
        for (int tick = 0; tick < 1_000; tick++) {
            if (done.getAsBoolean()) {
                return;
            }
            nodes.values().forEach(RaftNode::tick);
            stabilize();
        }
        throw new AssertionError("not reached within 1000 ticks: " + nodes.values());
    }

    private void stabilize() {
        for (int guard = 0; guard < 1_000_000; guard++) {
            flush();
            Message m = network.poll();
            if (m == null) {
                return;
            }
            RaftNode to = nodes.get(m.to());
            if (to != null) {
                to.step(m);
            }
        }
        throw new AssertionError("the cluster does not quiesce");
    }

    private void flush() {
        for (RaftNode node : nodes.values()) {
            while (node.hasReady()) {
                handle(node, node.ready());
            }
        }
    }

    /** Persist, then send, then apply, then advance: the order {@link Ready} prescribes. */
    private void handle(RaftNode node, Ready rd) {
        DurableStorage storage = storages.get(node.id());
        if (rd.snapshot() != null) {
            Snapshot local = receive(rd.snapshot(), storage);
            storage.installSnapshot(local);
            applied.put(node.id(), restore(local));
        }
        storage.append(rd.entries());
        storage.sync();
        if (rd.hardState() != null) {
            storage.setHardState(rd.hardState());
        }
        network.addAll(rd.messages());
        applied.get(node.id()).addAll(commandsIn(rd.committedEntries()));
        node.advance(rd);
    }

    /** Streams the leader's snapshot file in chunks into the follower's store, as a transport would. */
    private static Snapshot receive(Snapshot leaders, DurableStorage follower) {
        try (SnapshotChunks chunks = SnapshotChunks.open((FileSnapshotPayload) leaders.payload(), 64);
                SnapshotReceiver receiver = follower.snapshotStore().receiver()) {
            long offset = 0;
            while (true) {
                ChunkOutcome outcome = receiver.accept(chunks.chunkAt(offset));
                if (outcome instanceof ChunkOutcome.Installed installed) {
                    return installed.snapshot();
                } else if (outcome instanceof ChunkOutcome.Accepted accepted) {
                    offset = accepted.nextOffset();
                } else {
                    throw new AssertionError("snapshot transfer failed: " + outcome);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> restore(Snapshot snapshot) {
        try (InputStream in = ((FileSnapshotPayload) snapshot.payload()).openContent()) {
            String content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return content.isEmpty() ? new ArrayList<>() : new ArrayList<>(List.of(content.split("\n")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> commandsIn(List<LogEntry> entries) {
        return entries.stream().filter(e -> e instanceof LogEntry.Command)
                .map(e -> new String(((LogEntry.Command) e).payload(), StandardCharsets.UTF_8)).toList();
    }
}
