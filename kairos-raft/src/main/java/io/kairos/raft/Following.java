package io.kairos.raft;

import io.kairos.raft.message.AppendRequest;
import io.kairos.raft.message.AppendResponse;
import io.kairos.raft.message.Heartbeat;
import io.kairos.raft.message.HeartbeatResponse;
import io.kairos.raft.message.InstallSnapshot;
import io.kairos.raft.message.Message;

/** A follower's side of replication: appends, heartbeats and snapshots from the leader of its term. */
final class Following {

    private final RaftNode node;

    Following(RaftNode node) {
        this.node = node;
    }

    /** Any message from the leader of our term: follow it, and restart the election timer. */
    private void heardFromLeader(Message m) {
        if (node.role != Role.FOLLOWER || !m.from().equals(node.leader)) {
            node.becomeFollower(m.term(), m.from());
        }
        node.electionElapsed = 0;
    }

    /** Raft §5.3: append if our log matches at prevIndex, otherwise refuse with a hint. */
    void onAppendRequest(AppendRequest a) {
        heardFromLeader(a);
        RaftLog log = node.log;
        if (a.prevIndex() < log.committed()) {
            // Everything up to our commit index matches the leader already (Leader Completeness).
            node.send(AppendResponse.accepted(node.id, a.from(), node.term, log.committed()));
            return;
        }
        long oldCommit = log.committed();
        long matched = log.maybeAppend(a.prevIndex(), a.prevTerm(), a.leaderCommit(), a.entries());
        if (matched >= 0) {
            node.onCommitAdvanced(oldCommit);
            node.send(AppendResponse.accepted(node.id, a.from(), node.term, matched));
            return;
        }
        // Fast backtracking: point the leader at our last entry that could match, so it skips a
        // whole conflicting term per round trip rather than one entry.
        long hintIndex = log.hintIndexFor(a.prevIndex(), a.prevTerm());
        long hintTerm = Math.max(0, log.term(hintIndex));
        node.send(AppendResponse.rejected(node.id, a.from(), node.term, a.prevIndex(), hintIndex, hintTerm));
    }

    void onHeartbeat(Heartbeat h) {
        heardFromLeader(h);
        long oldCommit = node.log.committed();
        // The leader caps the commit index at what it knows we hold; we cap again at what we have.
        node.log.commitTo(Math.min(h.commitIndex(), node.log.lastIndex()));
        node.onCommitAdvanced(oldCommit);
        node.send(new HeartbeatResponse(node.id, h.from(), node.term, h.sequence()));
    }

    /** Raft §7: install a snapshot unless our log already has everything it covers. */
    void onInstallSnapshot(InstallSnapshot s) {
        heardFromLeader(s);
        RaftLog log = node.log;
        Snapshot snapshot = s.snapshot();
        if (snapshot.index() <= log.committed()) {
            node.send(AppendResponse.accepted(node.id, s.from(), node.term, log.committed()));
            return;
        }
        long oldCommit = log.committed();
        if (log.matchTerm(snapshot.index(), snapshot.term())) {
            // Our log already holds the snapshot's last entry, so it holds everything before it.
            log.commitTo(snapshot.index());
            node.onCommitAdvanced(oldCommit);
        } else {
            log.restore(snapshot);
            node.reconfiguration().restore(snapshot.meta());
        }
        node.send(AppendResponse.accepted(node.id, s.from(), node.term, snapshot.index()));
    }
}
