package io.kairos.raft;

import io.kairos.raft.message.Message;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * One real {@link RaftNode} with no network: the test plays every peer by stepping messages in
 * by hand and reading what the node answers. Its storage starts with a log of the given terms,
 * one command entry per term, whose payload names its position ("3@2").
 */
final class LoneNode {

    final MemoryStorage storage;
    final List<LogEntry> applied = new ArrayList<>();
    final List<ReadState> readStates = new ArrayList<>();
    RaftNode node;
    private final RaftConfig config;

    private LoneNode(RaftConfig config, MemoryStorage storage) {
        this.config = config;
        this.storage = storage;
        this.node = new RaftNode(config, storage);
    }

    /**
     * A node {@code id} of a cluster of voters {@code 1..clusterSize}, whose stored log holds one
     * entry per given term, at {@code currentTerm} with no vote. It has been up all along: its
     * clock starts an election timeout in, past any lease it could have acknowledged before a
     * restart (see {@code Terms.inLeaderLease}); {@link #restart()} is a real restart.
     */
    static LoneNode of(int id, int clusterSize, long currentTerm, long... logTerms) {
        return of(id, clusterSize, currentTerm, b -> b, logTerms);
    }

    static LoneNode of(int id, int clusterSize, long currentTerm, UnaryOperator<RaftConfig.Builder> tuning,
            long... logTerms) {
        MemoryStorage storage = storageWith(voters(clusterSize), logTerms);
        storage.setHardState(new HardState(currentTerm, null, 0));
        RaftConfig config = tuning.apply(TestCluster.defaults(NodeId.of(id), 42)).build();
        LoneNode lone = new LoneNode(config, storage);
        lone.node.now = config.electionTimeoutTicks();
        return lone;
    }

    static Membership voters(int clusterSize) {
        NodeId[] ids = new NodeId[clusterSize];
        for (int i = 0; i < clusterSize; i++) {
            ids[i] = NodeId.of(i + 1);
        }
        return Membership.ofVoters(ids);
    }

    /** A fresh storage of {@code membership} holding one command per given term, at indexes 1, 2, ... */
    static MemoryStorage storageWith(Membership membership, long... logTerms) {
        MemoryStorage storage = MemoryStorage.bootstrap(membership);
        storage.append(entries(1, logTerms));
        return storage;
    }

    /** Commands at {@code first}, {@code first + 1}, ... with the given terms, named "index@term". */
    static List<LogEntry> entries(long first, long... terms) {
        List<LogEntry> out = new ArrayList<>();
        for (int i = 0; i < terms.length; i++) {
            long index = first + i;
            out.add(new LogEntry.Command(index, terms[i], (index + "@" + terms[i]).getBytes()));
        }
        return out;
    }

    static NodeId n(int id) {
        return NodeId.of(id);
    }

    /** Steps a message in and returns what the node sends in answer (after persisting as told). */
    List<Message> step(Message m) {
        node.step(m);
        return drain();
    }

    /** Handles every Ready as the application would and returns the messages to send. */
    List<Message> drain() {
        List<Message> out = new ArrayList<>();
        while (node.hasReady()) {
            Ready rd = node.ready();
            if (rd.snapshot() != null) {
                storage.installSnapshot(rd.snapshot());
            }
            storage.append(rd.entries());
            if (rd.hardState() != null) {
                storage.setHardState(rd.hardState());
            }
            out.addAll(rd.messages());
            applied.addAll(rd.committedEntries());
            readStates.addAll(rd.readStates());
            node.advance(rd);
        }
        return out;
    }

    List<Message> tick(int n) {
        List<Message> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            node.tick();
            out.addAll(drain());
        }
        return out;
    }

    /** Stops the node and starts it again from what it persisted. */
    void restart() {
        node = new RaftNode(config, storage);
    }

    /** The terms of the node's log, index 1 onwards (-1 where compacted). */
    List<Long> terms() {
        List<Long> out = new ArrayList<>();
        for (long i = 1; i <= node.lastIndex(); i++) {
            out.add(node.termAt(i));
        }
        return out;
    }

    static List<Long> termList(long... terms) {
        return Arrays.stream(terms).boxed().toList();
    }

    static Random seeded(long seed) {
        return new Random(seed);
    }
}
