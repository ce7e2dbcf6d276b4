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
    /** Every message a node handed out, in order, whether or not the network then delivered it. */
    final List<Message> sent = new ArrayList<>();
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

    /** A cluster with no nodes yet: {@link #start} each with the storage the story needs. */
    static TestCluster empty(UnaryOperator<RaftConfig.Builder> tuning) {
        return new TestCluster(42, tuning);
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

    /**
     * Starts a node that has been up all along with what {@code storage} holds (a cluster with a
     * history, not a restart): its clock starts an election timeout in, past any lease it could
     * have acknowledged before a restart (see {@code Terms.inLeaderLease}).
     */
    RaftNode start(NodeId id, MemoryStorage storage) {
        RaftNode node = boot(id, storage);
        node.now = node.config.electionTimeoutTicks();
        return node;
    }

    private RaftNode boot(NodeId id, MemoryStorage storage) {
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
        return boot(id, storages.get(id));
    }

    RaftNode node(int id) {
        return nodes.get(NodeId.of(id));
    }

    void isolate(int id) {
        isolated.add(NodeId.of(id));
    }

    /** Reconnects one isolated node. */
    void rejoin(int id) {
        isolated.remove(NodeId.of(id));
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
            sent.add(m);
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
            deliver(inFlight.poll());
        }
    }

    private void deliver(Message m) {
        delivered.add(m);
        RaftNode to = nodes.get(m.to());
        if (to != null && !isolated.contains(m.to()) && !isolated.contains(m.from())) {
            to.step(m);
        }
        flush();
    }

    /** Messages queued in the network and not yet delivered, oldest first. */
    List<Message> inFlight() {
        return List.copyOf(inFlight);
    }

    /** The queued messages of one type, oldest first. */
    <T extends Message> List<T> inFlight(Class<T> type) {
        return inFlight.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /**
     * Delivers the queued messages that match, oldest first, including matching messages their
     * delivery causes, until none match; the others stay queued in their order.
     */
    void deliver(Predicate<Message> filter) {
        flush();
        int guard = 0;
        while (true) {
            Message next = inFlight.stream().filter(filter).findFirst().orElse(null);
            if (next == null) {
                return;
            }
            if (++guard > 1_000_000) {
                throw new AssertionError("matching messages do not quiesce");
            }
            inFlight.remove(next);
            deliver(next);
        }
    }

    /** Delivers the oldest queued message that matches, and nothing else. */
    void deliverOne(Predicate<Message> filter) {
        flush();
        Message next = inFlight.stream().filter(filter).findFirst()
                .orElseThrow(() -> new AssertionError("no queued message matches; queued: " + inFlight));
        inFlight.remove(next);
        deliver(next);
    }

    /** Delivers queued messages one at a time, oldest first, until {@code done} holds. */
    void deliverUntil(java.util.function.BooleanSupplier done) {
        flush();
        while (!done.getAsBoolean()) {
            if (inFlight.isEmpty()) {
                throw new AssertionError("network is empty and the condition still does not hold");
            }
            deliver(inFlight.poll());
        }
    }

    /** Removes the queued messages that match: the network lost them. */
    void discard(Predicate<Message> filter) {
        inFlight.removeIf(filter);
    }

    /** Ticks one node and queues what it sends, delivering nothing. */
    void tickQuietly(int id, int n) {
        for (int i = 0; i < n; i++) {
            node(id).tick();
            flush();
        }
    }

    /** Messages of one type handed out by {@code from} for {@code to}, delivered or not, oldest first. */
    <T extends Message> List<T> sent(Class<T> type, int from, int to) {
        return sent.stream().filter(type::isInstance).map(type::cast)
                .filter(m -> m.from().value() == from && m.to().value() == to).toList();
    }

    /** Messages of one type delivered from {@code from} to {@code to}, oldest first. */
    <T extends Message> List<T> delivered(Class<T> type, int from, int to) {
        return delivered.stream().filter(type::isInstance).map(type::cast)
                .filter(m -> m.from().value() == from && m.to().value() == to).toList();
    }

    /**
     * Takes a snapshot of a node's applied state at {@code index} and compacts its stored log up to
     * it, as the application would.
     */
    void compact(int id, long index) {
        RaftNode node = node(id);
        if (index > node.appliedIndex()) {
            throw new IllegalArgumentException("n" + id + " applied only " + node.appliedIndex());
        }
        storages.get(NodeId.of(id)).createSnapshot(index, node.membership(), () -> index);
    }

    MemoryStorage storage(int id) {
        return storages.get(NodeId.of(id));
    }

    /** The terms of a node's log entries from {@code from} to its last index. */
    List<Long> terms(int id, long from) {
        RaftNode node = node(id);
        List<Long> out = new ArrayList<>();
        for (long i = from; i <= node.lastIndex(); i++) {
            out.add(node.termAt(i));
        }
        return out;
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

    Progress progress(int leader, int follower) {
        return node(leader).leaderState.progressOrThrow(NodeId.of(follower));
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
