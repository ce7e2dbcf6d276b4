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
import io.kairos.raft.message.Message;
import io.kairos.storage.state.DataDirectory;
import io.kairos.storage.wal.WalOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real {@link RaftNode}s, each on a {@link DurableStorage} in its own data directory, wired
 * by an in-memory network driven by ticks (no sleeps). The Ready loop is {@code TestCluster}'s,
 * simplified: persist (append, sync, hard state), then send, then apply, then advance. Every node
 * is closed and reopened from disk; the cluster elects again and loses no committed entry.
 */
class DurableClusterTest {

    private static final List<NodeId> IDS = List.of(NodeId.of(1), NodeId.of(2), NodeId.of(3));
    private static final WalOptions SMALL = new WalOptions(4096);

    @TempDir
    Path root;

    private final Map<NodeId, RaftNode> nodes = new TreeMap<>();
    private final Map<NodeId, DurableStorage> storages = new HashMap<>();
    private final Map<NodeId, List<String>> applied = new HashMap<>();
    private final ArrayDeque<Message> network = new ArrayDeque<>();
    private int generation;

    @Test
    void aClusterReopenedFromItsDataDirectoriesReelectsAndKeepsEveryCommittedEntry() throws IOException {
        for (NodeId id : IDS) {
            try (DataDirectory dir = DataDirectory.open(root.resolve("n" + id.value()), id, "e2e")) {
                DurableStorage.bootstrap(dir, Membership.ofVoters(IDS.toArray(NodeId[]::new)));
            }
        }
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

    private void startAll() throws IOException {
        generation++;
        for (NodeId id : IDS) {
            DurableStorage storage = DurableStorage.open(DataDirectory.open(root.resolve("n" + id.value()), id, "e2e"),
                    SMALL);
            RaftConfig config = RaftConfig.builder(id, new Random(31L * generation + id.value()))
                    .electionTimeoutTicks(10).heartbeatTicks(1).leaseDriftMarginTicks(2).build();
            storages.put(id, storage);
            nodes.put(id, new RaftNode(config, storage));
            applied.put(id, new ArrayList<>());
        }
    }

    private void closeAll() throws IOException {
        network.clear();
        for (DurableStorage storage : storages.values()) {
            storage.close();
        }
        storages.clear();
        nodes.clear();
    }

    private RaftNode awaitLeader() {
        tickUntil(() -> nodes.values().stream().anyMatch(n -> n.role() == Role.LEADER));
        RaftNode leader = nodes.values().stream().filter(n -> n.role() == Role.LEADER).findFirst().orElseThrow();
        stabilize();
        return leader;
    }

    private void tickUntil(java.util.function.BooleanSupplier done) {
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
            nodes.get(m.to()).step(m);
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
            throw new AssertionError("this story takes no snapshot, yet " + node.id() + " received one");
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

    private static List<String> commandsIn(List<LogEntry> entries) {
        return entries.stream().filter(e -> e instanceof LogEntry.Command)
                .map(e -> new String(((LogEntry.Command) e).payload(), StandardCharsets.UTF_8)).toList();
    }
}
