package io.kairos.storage.wal;

import io.kairos.raft.LogEntry;
import io.kairos.raft.Membership;
import io.kairos.raft.NodeId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Log entries for tests: a mix of commands, noops and configs at consecutive indexes. */
final class Entries {

    private Entries() {}

    /** Entries {@code from..to} inclusive in {@code term}, cycling command, command, noop, config. */
    static List<LogEntry> range(long from, long to, long term) {
        List<LogEntry> out = new ArrayList<>();
        for (long index = from; index <= to; index++) {
            out.add(entry(index, term));
        }
        return out;
    }

    static LogEntry entry(long index, long term) {
        switch ((int) (index % 4)) {
            case 2:
                return new LogEntry.Noop(index, term);
            case 3:
                return new LogEntry.Config(index, term, new Membership(
                        Set.of(NodeId.of(1), NodeId.of(2)), Set.of(NodeId.of(3)),
                        Set.of(NodeId.of(7))));
            default:
                return new LogEntry.Command(index, term, ("command " + index + "@" + term).getBytes(StandardCharsets.UTF_8));
        }
    }
}
