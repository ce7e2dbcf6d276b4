package io.kairos.sim;

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
import io.kairos.sim.check.EntryHash;

/**
 * A 64-bit digest of a message from the fields that matter, the same on every JVM (no identity
 * hash codes, no hash-ordered collections).
 */
final class MessageFingerprint {

    private MessageFingerprint() {
    }

    static long of(Message m) {
        long h = EntryHash.mix(m.from().value() * 131L + m.to().value()) ^ m.term() * 0x9e3779b97f4a7c15L;
        return EntryHash.mix(h + typeSpecific(m));
    }

    private static long typeSpecific(Message m) {
        if (m instanceof AppendRequest a) {
            long h = 1 + a.prevIndex() * 31 + a.prevTerm() * 17 + a.leaderCommit() * 7;
            for (var e : a.entries()) {
                h = EntryHash.chain(h, e);
            }
            return h;
        } else if (m instanceof AppendResponse r) {
            return 2 + (r.success() ? 1 : 0) + r.index() * 31 + r.hintIndex() * 17 + r.hintTerm() * 7;
        } else if (m instanceof Heartbeat b) {
            return 3 + b.commitIndex() * 31 + b.sequence() * 17;
        } else if (m instanceof HeartbeatResponse r) {
            return 4 + r.sequence() * 31;
        } else if (m instanceof VoteRequest v) {
            return 5 + v.lastIndex() * 31 + v.lastTerm() * 17 + (v.preVote() ? 7 : 0) + (v.transfer() ? 11 : 0);
        } else if (m instanceof VoteResponse v) {
            return 6 + (v.preVote() ? 7 : 0) + (v.granted() ? 11 : 0);
        } else if (m instanceof InstallSnapshot s) {
            return 7 + s.snapshot().index() * 31 + s.snapshot().term() * 17;
        } else if (m instanceof TimeoutNow) {
            return 8;
        } else if (m instanceof ReadIndexRequest r) {
            return 9 + r.requestId() * 31;
        } else if (m instanceof ReadIndexResponse r) {
            return 10 + r.requestId() * 31 + r.readIndex() * 17;
        }
        throw new AssertionError("unhandled message type " + m.getClass());
    }
}
