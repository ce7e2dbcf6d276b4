package io.kairos.transport;

import io.kairos.raft.LogEntry;
import io.kairos.raft.Membership;
import io.kairos.raft.NodeId;
import io.kairos.raft.Snapshot;
import io.kairos.raft.SnapshotMeta;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Valid Raft messages of every type, with edge values (0, Long.MAX_VALUE, empty and large lists) likely. */
final class MessageArbitraries {

    private MessageArbitraries() {}

    static Arbitrary<Message> messages() {
        return Arbitraries.oneOf(List.of(voteRequests(), voteResponses(), appendRequests(), appendResponses(),
                heartbeats(), heartbeatResponses(), installSnapshots(), timeoutNows(), readIndexRequests(),
                readIndexResponses()));
    }

    /** A distinct (from, to) pair. */
    record Route(NodeId from, NodeId to) {}

    static Arbitrary<Route> routes() {
        return Arbitraries.integers().between(1, Integer.MAX_VALUE).tuple2()
                .filter(t -> !t.get1().equals(t.get2()))
                .map(t -> new Route(NodeId.of(t.get1()), NodeId.of(t.get2())));
    }

    static Arbitrary<Long> nonNegative() {
        return Arbitraries.longs().between(0, Long.MAX_VALUE);
    }

    static Arbitrary<Long> longs() {
        return Arbitraries.longs();
    }

    static Arbitrary<Message> voteRequests() {
        return Combinators.combine(routes(), nonNegative(), nonNegative(), nonNegative(), Arbitraries.of(true, false),
                Arbitraries.of(true, false)).as((r, term, lastIndex, lastTermSeed, pre, transfer) ->
                        new VoteRequest(r.from(), r.to(), term, lastIndex, term == 0 ? 0 : lastTermSeed % (term + 1),
                                pre, transfer));
    }

    static Arbitrary<Message> voteResponses() {
        return Combinators.combine(routes(), nonNegative(), Arbitraries.of(true, false), Arbitraries.of(true, false))
                .as((r, term, pre, granted) -> new VoteResponse(r.from(), r.to(), term, pre, granted));
    }

    static Arbitrary<Message> appendRequests() {
        Arbitrary<Long> small = Arbitraries.longs().between(1, 1_000_000);
        return Combinators.combine(routes(), small, small, small, nonNegative(), entrySeeds())
                .as((r, term, prevIndex, prevTermSeed, commit, seeds) -> {
                    long prevTerm = prevTermSeed % (term + 1);
                    List<LogEntry> entries = new ArrayList<>();
                    long entryTerm = Math.max(1, prevTerm);
                    for (int i = 0; i < seeds.size(); i++) {
                        EntrySeed s = seeds.get(i);
                        entryTerm = Math.min(term, entryTerm + s.termStep());
                        entries.add(s.at(prevIndex + 1 + i, entryTerm));
                    }
                    return new AppendRequest(r.from(), r.to(), term, prevIndex, prevTerm, entries, commit);
                });
    }

    /** An entry's content and how far its term moves on from the previous entry's. */
    record EntrySeed(int kind, byte[] payload, Membership membership, int termStep) {
        LogEntry at(long index, long term) {
            switch (kind) {
                case 0:
                    return new LogEntry.Command(index, term, payload);
                case 1:
                    return new LogEntry.Noop(index, term);
                default:
                    return new LogEntry.Config(index, term, membership);
            }
        }
    }

    static Arbitrary<List<EntrySeed>> entrySeeds() {
        Arbitrary<EntrySeed> seed = Combinators.combine(Arbitraries.integers().between(0, 2),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(300), memberships(),
                Arbitraries.integers().between(0, 2)).as(EntrySeed::new);
        return seed.list().ofMaxSize(20);
    }

    static Arbitrary<Membership> memberships() {
        Arbitrary<Set<NodeId>> ids = Arbitraries.integers().between(1, 50).map(NodeId::of).set().ofMaxSize(7);
        return Combinators.combine(ids.filter(s -> !s.isEmpty()), ids, ids).as((voters, outgoing, learners) -> {
            Set<NodeId> disjointLearners = new HashSet<>(learners);
            disjointLearners.removeAll(voters);
            disjointLearners.removeAll(outgoing);
            return new Membership(voters, outgoing, disjointLearners);
        });
    }

    static Arbitrary<Message> appendResponses() {
        return Combinators.combine(routes(), nonNegative(), Arbitraries.of(true, false), nonNegative(), nonNegative(),
                nonNegative()).as((r, term, success, index, hintIndex, hintTerm) ->
                        new AppendResponse(r.from(), r.to(), term, success, index, hintIndex, hintTerm));
    }

    static Arbitrary<Message> heartbeats() {
        return Combinators.combine(routes(), nonNegative(), nonNegative(), nonNegative())
                .as((r, term, commit, sequence) -> new Heartbeat(r.from(), r.to(), term, commit, sequence));
    }

    static Arbitrary<Message> heartbeatResponses() {
        return Combinators.combine(routes(), nonNegative(), longs())
                .as((r, term, sequence) -> new HeartbeatResponse(r.from(), r.to(), term, sequence));
    }

    static Arbitrary<Message> installSnapshots() {
        return Combinators.combine(routes(), nonNegative(), Arbitraries.longs().between(0, Long.MAX_VALUE),
                Arbitraries.longs().between(1, Long.MAX_VALUE), memberships())
                .as((r, term, index, snapshotTerm, membership) -> new InstallSnapshot(r.from(), r.to(), term,
                        new Snapshot(new SnapshotMeta(index, index == 0 ? 0 : snapshotTerm, membership),
                                Snapshot.NO_PAYLOAD)));
    }

    static Arbitrary<Message> timeoutNows() {
        return Combinators.combine(routes(), nonNegative()).as((r, term) -> new TimeoutNow(r.from(), r.to(), term));
    }

    static Arbitrary<Message> readIndexRequests() {
        return Combinators.combine(routes(), nonNegative(), longs())
                .as((r, term, id) -> new ReadIndexRequest(r.from(), r.to(), term, id));
    }

    static Arbitrary<Message> readIndexResponses() {
        return Combinators.combine(routes(), nonNegative(), longs(), nonNegative())
                .as((r, term, id, readIndex) -> new ReadIndexResponse(r.from(), r.to(), term, id, readIndex));
    }
}
