package io.kairos.sim.check;

import io.kairos.raft.HardState;
import io.kairos.raft.LogEntry;
import io.kairos.raft.MemoryStorage;
import io.kairos.raft.Membership;
import io.kairos.raft.NodeId;
import io.kairos.raft.RaftConfig;
import io.kairos.raft.RaftNode;
import io.kairos.raft.Ready;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Real core nodes in the states the checker tests need. */
final class Nodes {

    private Nodes() {
    }

    static NodeId n(int id) {
        return NodeId.of(id);
    }

    /** A follower whose log holds blank entries with the given terms at indexes 1, 2, ... */
    static RaftNode withLog(int id, long... terms) {
        return withLogInTerm(id, terms.length == 0 ? 0 : terms[terms.length - 1], terms);
    }

    /** The same, in {@code term} (at least the last entry's). */
    static RaftNode withLogInTerm(int id, long term, long... terms) {
        MemoryStorage storage = MemoryStorage.bootstrap(Membership.ofVoters(n(id)));
        storage.append(entries(terms));
        storage.setHardState(new HardState(term, null, 0));
        return new RaftNode(config(id), storage);
    }

    static List<LogEntry> entries(long... terms) {
        List<LogEntry> out = new ArrayList<>();
        for (int i = 0; i < terms.length; i++) {
            out.add(new LogEntry.Noop(i + 1, terms[i]));
        }
        return out;
    }

    /** The only voter of its cluster, elected in {@code previousTerm + 1}, its lease in force. */
    static RaftNode soloLeader(int id, long previousTerm) {
        MemoryStorage storage = MemoryStorage.bootstrap(Membership.ofVoters(n(id)));
        storage.setHardState(new HardState(previousTerm, null, 0));
        RaftNode node = new RaftNode(config(id), storage);
        node.campaign();
        while (node.hasReady()) {
            Ready rd = node.ready();
            storage.append(rd.entries());
            if (rd.hardState() != null) {
                storage.setHardState(rd.hardState());
            }
            node.advance(rd);
        }
        return node;
    }

    private static RaftConfig config(int id) {
        return RaftConfig.builder(n(id), new Random(id)).electionTimeoutTicks(30).heartbeatTicks(3)
                .leaseDriftMarginTicks(5).build();
    }
}
