package io.kairos.sim.check;

import io.kairos.raft.LogEntry;
import io.kairos.raft.Storage;
import io.kairos.raft.NodeId;
import io.kairos.raft.Snapshot;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Raft §5.3, Log Matching: if two logs contain an entry with the same index and term, the logs are
 * identical in all entries up through that index. Checked incrementally with prefix hashes: each
 * node's log is followed as its Readys extend or overwrite it, every entry gets the hash of the
 * prefix it ends, and the first prefix hash seen for an (index, term) is the only one allowed for
 * it anywhere, ever.
 */
public final class LogMatching {

    /** Prefix hash for each (index, term) ever held by any node; only looked up. */
    private final Map<Long, Long> prefixByPosition = new HashMap<>();
    /** Each node's log as prefix hashes; only looked up. */
    private final Map<NodeId, NodeLog> logs = new HashMap<>();

    /** A node's prefix hashes by index, from just after its snapshot to its last entry. */
    private static final class NodeLog {
        long snapshotIndex;
        long lastIndex;
        long[] prefix = new long[64];

        void reset(long index, long hash) {
            snapshotIndex = index;
            lastIndex = index;
            set(index, hash);
        }

        long at(long index) {
            if (index < snapshotIndex || index > lastIndex) {
                throw new IllegalStateException("no prefix hash at " + index + " in [" + snapshotIndex + ", "
                        + lastIndex + "]");
            }
            return prefix[(int) index];
        }

        void set(long index, long hash) {
            if (index >= prefix.length) {
                prefix = Arrays.copyOf(prefix, (int) Math.max(index + 1, prefix.length * 2L));
            }
            prefix[(int) index] = hash;
            lastIndex = index;
        }
    }

    /** A node (re)started: its log is what its storage holds. */
    public void onStart(NodeId node, Storage storage) {
        NodeLog log = new NodeLog();
        logs.put(node, log);
        Snapshot s = storage.snapshot();
        log.reset(s.index(), prefixAt(node, s.index(), s.term()));
        if (storage.lastIndex() >= storage.firstIndex()) {
            append(node, log, storage.entries(storage.firstIndex(), storage.lastIndex() + 1, Long.MAX_VALUE));
        }
    }

    /** A node's Ready installs {@code snapshot} (if not null) and appends {@code entries}. */
    public void onReady(NodeId node, Snapshot snapshot, List<LogEntry> entries) {
        NodeLog log = logs.get(node);
        if (snapshot != null) {
            log.reset(snapshot.index(), prefixAt(node, snapshot.index(), snapshot.term()));
        }
        if (!entries.isEmpty()) {
            append(node, log, entries);
        }
    }

    private void append(NodeId node, NodeLog log, List<LogEntry> entries) {
        long first = entries.get(0).index();
        if (first <= log.snapshotIndex || first > log.lastIndex + 1) {
            throw new InvariantViolation("log matching", node + " appends at " + first + " to a log spanning ("
                    + log.snapshotIndex + ", " + log.lastIndex + "]");
        }
        long prefix = log.at(first - 1);
        for (LogEntry e : entries) {
            prefix = EntryHash.chain(prefix, e);
            log.set(e.index(), prefix);
            Long earlier = prefixByPosition.putIfAbsent(key(e.index(), e.term()), prefix);
            if (earlier != null && earlier != prefix) {
                throw new InvariantViolation("log matching", node + " holds " + e + " after a different prefix than"
                        + " another log holding an entry at that index and term");
            }
        }
    }

    /** The prefix hash of the entry at (index, term), which some node must have held. */
    private long prefixAt(NodeId node, long index, long term) {
        if (index == 0) {
            return 0;
        }
        Long p = prefixByPosition.get(key(index, term));
        if (p == null) {
            throw new InvariantViolation("log matching", node + " has a snapshot at " + index + "@" + term
                    + " but no log ever held that entry");
        }
        return p;
    }

    private static long key(long index, long term) {
        if (term >= 1 << 24 || index >= 1L << 39) {
            throw new IllegalStateException("position " + index + "@" + term + " too large to pack");
        }
        return index << 24 | term;
    }
}
