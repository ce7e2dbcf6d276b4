package io.kairos.raft;

import io.kairos.raft.message.Message;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A cluster of real {@link RaftNode}s wired by an in-memory network that the test controls
 * message by message: isolate nodes, cut links, drop or hold messages, and run to quiescence.
 * Each node's Ready is handled in the documented order against its {@link MemoryStorage}.
 */
final class TestCluster {

    final Map<NodeId, RaftNode> nodes = new TreeMap<>();
    final Map<NodeId, MemoryStorage> storages = new HashMap<>();
    final Map<NodeId, List<LogEntry>> applied = new HashMap<>();
    final Map<NodeId, List<ReadState>> readStates = new HashMap<>();
    final List<Message> delivered = new ArrayList<>();
    private final ArrayDeque<Message> inFlight = new ArrayDeque<>();
    private final Set<String> cutLinks = new HashSet<>();
    private final Set<NodeId> isolated = new HashSet<>();
    private Predicate<Message> dropFilter = m -> false;
    private final UnaryOperator<RaftConfig.Builder> tuning;
    private final long seed;

    private TestCluster(long seed, UnaryOperator<RaftConfig.Builder> tuning) {
        this.seed = seed;
        this.tuning = tuning;
    }

    static TestCluster of(int size) {
        return of(size, b -> b);
    }

    static TestCluster of(int size, UnaryOperator<RaftConfig.Builder> tuning) {
        TestCluster c = new TestCluster(42, tuning);
        NodeId[] ids = new NodeId[size];
        for (int i = 0; i < size; i++) {
            ids[i] = NodeId.of(i + 1);
        }
        Membership m = Membership.ofVoters(ids);
        for (NodeId id : ids) {
            c.start(id, MemoryStorage.bootstrap(m));
        }
        return c;
    }

    static RaftConfig.Builder defaults(NodeId id, long seed) {
        return RaftConfig.builder(id, new Random(seed * 31 + id.value())).electionTimeoutTicks(10).heartbeatTicks(1)
                .leaseDriftMarginTicks(2);
    }

    RaftNode start(NodeId id, MemoryStorage storage) {
        RaftNode node = new RaftNode(tuning.apply(defaults(id, seed)).build(), storage);
        nodes.put(id, node);
        storages.put(id, storage);
        applied.computeIfAbsent(id, k -> new ArrayList<>());
        readStates.computeIfAbsent(id, k -> new ArrayList<>());
        return node;
    }

    /** Stops a node, keeping only what it persisted, and starts it again from its storage. */
    RaftNode restart(NodeId id) {
        applied.put(id, new ArrayList<>());
        inFlight.removeIf(m -> m.to().equals(id) || m.from().equals(id));
        return start(id, storages.get(id));
    }

    RaftNode node(int id) {
        return nodes.get(NodeId.of(id));
    }

    void isolate(int id) {
        isolated.add(NodeId.of(id));
    }

    void heal() {
        isolated.clear();
        cutLinks.clear();
        dropFilter = m -> false;
    }

    /** Drops every message from {@code from} to {@code to} (one direction). */
    void cut(int from, int to) {
        cutLinks.add(from + ">" + to);
    }

    void drop(Predicate<Message> filter) {
        dropFilter = filter;
    }

    /** Handles every node's Ready: persist, queue messages, apply, advance. */
    void flush() {
        for (RaftNode node : nodes.values()) {
            while (node.hasReady()) {
                handle(node, node.ready());
            }
        }
    }

    private void handle(RaftNode node, Ready rd) {
        MemoryStorage s = storages.get(node.id());
        if (rd.snapshot() != null) {
            s.installSnapshot(rd.snapshot());
            applied.get(node.id()).clear();
        }
        s.append(rd.entries());
        if (rd.hardState() != null) {
            s.setHardState(rd.hardState());
        }
        for (Message m : rd.messages()) {
            if (!isolated.contains(m.from()) && !isolated.contains(m.to())
                    && !cutLinks.contains(m.from().value() + ">" + m.to().value()) && !dropFilter.test(m)
                    && nodes.containsKey(m.to())) {
                inFlight.add(m);
            }
        }
        applied.get(node.id()).addAll(rd.committedEntries());
        readStates.get(node.id()).addAll(rd.readStates());
        node.advance(rd);
    }

    /** Delivers messages until none are left (no ticks). */
    void stabilize() {
        flush();
        int guard = 0;
        while (!inFlight.isEmpty()) {
            if (++guard > 1_000_000) {
                throw new AssertionError("cluster does not quiesce");
            }
            Message m = inFlight.poll();
            delivered.add(m);
            RaftNode to = nodes.get(m.to());
            if (to != null) {
                to.step(m);
            }
            flush();
        }
    }

    /** Ticks every node (but isolated ones still tick) {@code n} times, stabilizing after each. */
    void tick(int n) {
        for (int i = 0; i < n; i++) {
            for (RaftNode node : nodes.values()) {
                node.tick();
            }
            stabilize();
        }
    }

    void tick(int id, int n) {
        for (int i = 0; i < n; i++) {
            node(id).tick();
            stabilize();
        }
    }

    /** Makes {@code id} campaign and delivers everything. */
    void elect(int id) {
        node(id).campaign();
        stabilize();
    }

    RaftNode leader() {
        RaftNode found = null;
        for (RaftNode n : nodes.values()) {
            if (n.role() == Role.LEADER && !isolated.contains(n.id())) {
                if (found == null || n.term() > found.term()) {
                    found = n;
                }
            }
        }
        return found;
    }

    ProposeResult propose(int id, String command) {
        ProposeResult r = node(id).propose(command.getBytes());
        stabilize();
        return r;
    }

    /** The commands applied by a node, as strings, in order. */
    List<String> appliedCommands(int id) {
        List<String> out = new ArrayList<>();
        for (LogEntry e : applied.get(NodeId.of(id))) {
            if (e instanceof LogEntry.Command c) {
                out.add(new String(c.payload()));
            }
        }
        return out;
    }

    void clearDelivered() {
        delivered.clear();
    }
}
