package io.kairos.sim.check;

import io.kairos.raft.NodeId;
import io.kairos.raft.RaftNode;

/**
 * Raft §5.4, Leader Completeness: if an entry is committed in a given term, it is present in the
 * logs of the leaders of all higher terms. Checked when a node is first seen leading a term,
 * against every entry committed so far in lower terms (a leader of a lower term may still be
 * elected after a higher term committed something, with votes granted before); entries its log
 * has compacted are in its snapshot, and so committed and covered by log matching.
 */
public final class LeaderCompleteness {

    private final CommittedPrefix committed;

    public LeaderCompleteness(CommittedPrefix committed) {
        this.committed = committed;
    }

    public void onNewLeader(NodeId node, RaftNode raft) {
        long highest = committed.highestCommittedBefore(raft.term());
        if (raft.lastIndex() < highest) {
            throw new InvariantViolation("leader completeness", node + " leads term " + raft.term()
                    + " with a log ending at " + raft.lastIndex() + ", but index " + highest
                    + " was committed in an earlier term");
        }
        for (long i = highest; i >= 1; i--) {
            long term = raft.termAt(i);
            if (term < 0) {
                return; // compacted: the rest is in the leader's snapshot
            }
            long committedTerm = committed.termAt(i);
            if (committedTerm != 0 && term != committedTerm) {
                throw new InvariantViolation("leader completeness", node + " leads term " + raft.term()
                        + " with entry " + i + "@" + term + ", but " + i + "@" + committedTerm + " is committed");
            }
        }
    }
}
