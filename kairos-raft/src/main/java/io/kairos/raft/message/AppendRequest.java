package io.kairos.raft.message;

import io.kairos.raft.LogEntry;
import io.kairos.raft.NodeId;
import java.util.List;

/**
 * AppendEntries (Raft §5.3): entries that follow the sender's entry at {@code prevIndex}, which
 * has term {@code prevTerm}.
 *
 * @param leaderCommit the leader's commit index
 */
public record AppendRequest(NodeId from, NodeId to, long term, long prevIndex, long prevTerm, List<LogEntry> entries,
        long leaderCommit) implements Message {

    public AppendRequest {
        Message.validate(from, to, term);
        entries = List.copyOf(entries);
        if (prevIndex < 0 || prevTerm < 0 || leaderCommit < 0) {
            throw new IllegalArgumentException("negative position in append " + prevIndex + "@" + prevTerm);
        }
        long expected = prevIndex + 1;
        for (LogEntry e : entries) {
            if (e.index() != expected++ || e.term() > term || e.term() < prevTerm) {
                throw new IllegalArgumentException("entries must follow " + prevIndex + "@" + prevTerm
                        + " contiguously with terms up to " + term + ": " + entries);
            }
        }
    }

    /** Index of the last entry carried, or {@code prevIndex} for an empty probe. */
    public long lastIndex() {
        return prevIndex + entries.size();
    }
}
