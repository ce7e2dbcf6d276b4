package io.kairos.raft;

import io.kairos.raft.message.AppendRequest;
import io.kairos.raft.message.AppendResponse;
import io.kairos.raft.message.Heartbeat;
import io.kairos.raft.message.HeartbeatResponse;
import io.kairos.raft.message.InstallSnapshot;
import io.kairos.raft.message.Message;
import io.kairos.raft.message.ReadIndexRequest;
import io.kairos.raft.message.ReadIndexResponse;
import io.kairos.raft.message.TimeoutNow;
import io.kairos.raft.message.VoteRequest;
import io.kairos.raft.message.VoteResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Runs one command of a golden scenario script against a cluster of real nodes and returns the
 * trace it produced: the messages delivered, role changes, proposals' results, reads released and
 * entries applied. The trace format is stable so that scripts' expected output reads as a story.
 */
final class ScenarioDriver {

    private final Map<Integer, RaftNode> nodes = new TreeMap<>();
    private final Map<Integer, MemoryStorage> storages = new TreeMap<>();
    private final Map<Integer, Role> lastRoles = new TreeMap<>();
    private final ArrayDeque<Message> inFlight = new ArrayDeque<>();
    /** Groups of a partition: messages cross only within a group. Empty when the network is whole. */
    private final List<Set<Integer>> groups = new ArrayList<>();
    private final List<String> trace = new ArrayList<>();

    String run(String command) {
        trace.clear();
        String[] words = command.trim().split("\\s+");
        String[] args = Arrays.copyOfRange(words, 1, words.length);
        switch (words[0]) {
            case "add-nodes" -> addNodes(Integer.parseInt(args[0]));
            case "add-learner-node" -> addLearnerNode(Integer.parseInt(args[0]));
            case "campaign" -> node(args[0]).campaign();
            case "tick" -> tick(args);
            case "propose" -> trace.add("result: " + node(args[0]).propose(args[1].getBytes()));
            case "read" -> trace.add("result: " + node(args[0]).read(Long.parseLong(args[1])));
            case "transfer" -> trace.add("result: " + node(args[0]).transferLeadership(NodeId.of(Integer.parseInt(args[1]))));
            case "membership" -> trace.add("result: " + node(args[0]).proposeMembership(ids(args, "voters="), ids(args, "learners=")));
            case "partition" -> partition(args);
            case "heal" -> groups.clear();
            case "restart" -> restart(Integer.parseInt(args[0]));
            case "compact" -> compact(Integer.parseInt(args[0]), Long.parseLong(args[1]));
            case "stabilize" -> deliver(Integer.MAX_VALUE);
            case "deliver" -> deliver(Integer.parseInt(args[0]));
            case "status" -> status();
            default -> throw new IllegalArgumentException("unknown scenario command: " + command);
        }
        flush();
        noteRoleChanges();
        return String.join("\n", trace);
    }

    private RaftNode node(String id) {
        RaftNode n = nodes.get(Integer.parseInt(id));
        if (n == null) {
            throw new IllegalArgumentException("no node " + id);
        }
        return n;
    }

    private void addNodes(int count) {
        NodeId[] ids = new NodeId[count];
        for (int i = 0; i < count; i++) {
            ids[i] = NodeId.of(i + 1);
        }
        Membership m = Membership.ofVoters(ids);
        for (NodeId id : ids) {
            start(id.value(), MemoryStorage.bootstrap(m));
        }
    }

    /** A brand-new node that knows the current voters but is not one of them yet. */
    private void addLearnerNode(int id) {
        start(id, MemoryStorage.bootstrap(nodes.values().iterator().next().membership()));
    }

    private void start(int id, MemoryStorage storage) {
        RaftConfig config = RaftConfig.builder(NodeId.of(id), new Random(id)).electionTimeoutTicks(10)
                .heartbeatTicks(2).leaseDriftMarginTicks(2).maxEntriesPerMessage(4).maxInflightMessages(2).build();
        nodes.put(id, new RaftNode(config, storage));
        storages.put(id, storage);
        lastRoles.put(id, Role.FOLLOWER);
    }

    private void restart(int id) {
        inFlight.removeIf(m -> m.to().value() == id || m.from().value() == id);
        start(id, storages.get(id));
        trace.add("n" + id + " restarted: " + nodes.get(id));
    }

    private void compact(int id, long index) {
        RaftNode n = nodes.get(id);
        storages.get(id).createSnapshot(index, n.membership(), Snapshot.NO_PAYLOAD);
        trace.add("n" + id + " compacted through " + index);
    }

    private static Set<NodeId> ids(String[] args, String prefix) {
        for (String a : args) {
            if (a.startsWith(prefix)) {
                String list = a.substring(prefix.length());
                return list.isEmpty() ? Set.of() : Arrays.stream(list.split(",")).map(s -> NodeId.of(Integer.parseInt(s)))
                        .collect(Collectors.toSet());
            }
        }
        return Set.of();
    }

    private void tick(String[] args) {
        int times = Integer.parseInt(args[args.length - 1]);
        List<RaftNode> targets = new ArrayList<>();
        if (args.length == 1) {
            targets.addAll(nodes.values());
        } else {
            for (int i = 0; i < args.length - 1; i++) {
                targets.add(node(args[i]));
            }
        }
        for (int t = 0; t < times; t++) {
            for (RaftNode n : targets) {
                n.tick();
            }
            flush();
            noteRoleChanges();
        }
    }

    /** {@code partition 1 2 | 3}: nodes talk only within their group. */
    private void partition(String[] args) {
        groups.clear();
        Set<Integer> current = new HashSet<>();
        for (String a : args) {
            if (a.equals("|")) {
                groups.add(current);
                current = new HashSet<>();
            } else {
                current.add(Integer.parseInt(a));
            }
        }
        groups.add(current);
    }

    private boolean connected(int a, int b) {
        if (groups.isEmpty()) {
            return true;
        }
        for (Set<Integer> g : groups) {
            if (g.contains(a) && g.contains(b)) {
                return true;
            }
        }
        return false;
    }

    private void flush() {
        for (Map.Entry<Integer, RaftNode> e : nodes.entrySet()) {
            RaftNode n = e.getValue();
            while (n.hasReady()) {
                Ready rd = n.ready();
                MemoryStorage s = storages.get(e.getKey());
                if (rd.snapshot() != null) {
                    s.installSnapshot(rd.snapshot());
                    trace.add(n.id() + " installed snapshot at " + rd.snapshot().index());
                }
                s.append(rd.entries());
                if (rd.hardState() != null) {
                    s.setHardState(rd.hardState());
                }
                inFlight.addAll(rd.messages());
                for (LogEntry entry : rd.committedEntries()) {
                    trace.add(n.id() + " applied " + format(entry));
                }
                for (ReadState rs : rd.readStates()) {
                    trace.add(n.id() + " read " + rs.requestId() + " at index " + rs.readIndex());
                }
                n.advance(rd);
            }
        }
    }

    /** Delivers up to {@code count} messages in the order they were sent, following up each one. */
    private void deliver(int count) {
        int guard = 0;
        for (int i = 0; i < count && !inFlight.isEmpty(); i++) {
            if (++guard > 100_000) {
                throw new IllegalStateException("cluster does not quiesce");
            }
            Message m = inFlight.poll();
            RaftNode to = nodes.get(m.to().value());
            if (to == null || !connected(m.from().value(), m.to().value())) {
                trace.add("dropped " + format(m));
                continue;
            }
            trace.add(format(m));
            to.step(m);
            flush();
            noteRoleChanges();
        }
    }

    private void status() {
        for (RaftNode n : nodes.values()) {
            trace.add(n.id() + " " + n.role() + " term=" + n.term() + " leader=" + n.leader() + " commit="
                    + n.commitIndex() + " last=" + n.lastIndex() + " " + n.membership());
        }
    }

    private void noteRoleChanges() {
        for (Map.Entry<Integer, RaftNode> e : nodes.entrySet()) {
            Role now = e.getValue().role();
            if (now != lastRoles.get(e.getKey())) {
                trace.add(e.getValue().id() + " became " + now + " in term " + e.getValue().term());
                lastRoles.put(e.getKey(), now);
            }
        }
    }

    static String format(LogEntry e) {
        if (e instanceof LogEntry.Command c) {
            return e.index() + "@" + e.term() + " " + new String(c.payload());
        } else if (e instanceof LogEntry.Noop) {
            return e.index() + "@" + e.term() + " noop";
        } else if (e instanceof LogEntry.Config c) {
            return e.index() + "@" + e.term() + " config " + c.membership();
        }
        throw new AssertionError("unknown entry " + e);
    }

    static String format(Message m) {
        String head = m.from() + "->" + m.to() + " ";
        if (m instanceof VoteRequest v) {
            return head + (v.preVote() ? "PreVote" : "Vote") + " term=" + v.term() + " last=" + v.lastIndex() + "@"
                    + v.lastTerm() + (v.transfer() ? " transfer" : "");
        } else if (m instanceof VoteResponse v) {
            return head + (v.preVote() ? "PreVoteResponse" : "VoteResponse") + " term=" + v.term()
                    + (v.granted() ? " granted" : " refused");
        } else if (m instanceof AppendRequest a) {
            return head + "Append term=" + a.term() + " prev=" + a.prevIndex() + "@" + a.prevTerm() + " commit="
                    + a.leaderCommit() + " entries=" + a.entries().stream().map(ScenarioDriver::format)
                    .collect(Collectors.joining(", ", "[", "]"));
        } else if (m instanceof AppendResponse a) {
            return head + "AppendResponse term=" + a.term() + (a.success() ? " match=" + a.index()
                    : " reject=" + a.index() + " hint=" + a.hintIndex() + "@" + a.hintTerm());
        } else if (m instanceof Heartbeat h) {
            return head + "Heartbeat term=" + h.term() + " commit=" + h.commitIndex() + " seq=" + h.sequence();
        } else if (m instanceof HeartbeatResponse h) {
            return head + "HeartbeatResponse term=" + h.term() + " seq=" + h.sequence();
        } else if (m instanceof InstallSnapshot s) {
            return head + "InstallSnapshot term=" + s.term() + " snapshot=" + s.snapshot().index() + "@"
                    + s.snapshot().term() + " " + s.snapshot().meta().membership();
        } else if (m instanceof TimeoutNow t) {
            return head + "TimeoutNow term=" + t.term();
        } else if (m instanceof ReadIndexRequest r) {
            return head + "ReadIndex term=" + r.term() + " request=" + r.requestId();
        } else if (m instanceof ReadIndexResponse r) {
            return head + "ReadIndexResponse term=" + r.term() + " request=" + r.requestId() + " index=" + r.readIndex();
        }
        throw new AssertionError("unknown message " + m);
    }
}
