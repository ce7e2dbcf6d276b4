package io.kairos.server.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kairos.raft.HardState;
import io.kairos.raft.LogEntry;
import io.kairos.raft.Membership;
import io.kairos.raft.NodeId;
import io.kairos.server.config.ServerConfig;
import io.kairos.storage.DurableStorage;
import io.kairos.storage.state.DataDirectory;
import io.kairos.storage.wal.WalOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quorum-loss recovery: for the day a majority of the masters is gone for good, rewrite one
 * stopped survivor's storage so that it forms a new cluster with the given voters (itself
 * included) and can elect a leader again.
 *
 * <p>It appends, in a term above every term this node has seen, a configuration entry with the
 * new voters, and records everything in its log as committed. That is the possible loss the
 * operator must accept: entries the lost masters had committed but this one never received are
 * gone, and entries this one held uncommitted become committed. The other old members must be
 * wiped before they rejoin (their logs may disagree), and are refused as non-members until then.
 *
 * <p>Every use is appended to {@code audit.log} in the data directory (a JSON line with the time,
 * the operator, the old and new membership and the log position) and logged at WARN.
 */
public final class ForceMembership {

    private static final Logger log = LoggerFactory.getLogger(ForceMembership.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String AUDIT_LOG = "audit.log";

    /**
     * What was done.
     *
     * @param configIndex index of the configuration entry written
     * @param term the term it was written in
     */
    public record Outcome(Membership before, Membership after, long configIndex, long term) {
    }

    private ForceMembership() {}

    /**
     * Rewrites the storage of the (stopped) master configured by {@code config}.
     *
     * @param operator who asked, for the audit record
     * @throws IllegalArgumentException if the voters do not include this node
     * @throws io.kairos.storage.state.DataDirectoryLockedException if the master is running
     */
    public static Outcome apply(ServerConfig config, Set<NodeId> voters, String operator) throws IOException {
        if (!voters.contains(config.nodeId())) {
            throw new IllegalArgumentException("the new voters " + voters + " must include this node " + config.nodeId()
                    + ": the command runs on a survivor and makes it part of the new cluster");
        }
        try (DataDirectory dir = DataDirectory.open(config.dataDir(), config.nodeId(), config.clusterId());
                DurableStorage storage = DurableStorage.open(dir, WalOptions.defaults())) {
            Membership before = currentMembership(storage);
            Membership after = Membership.ofVoters(new TreeSet<>(voters).toArray(NodeId[]::new));
            HardState old = storage.hardState();
            long term = Math.max(old.term(), storage.lastIndex() == 0 ? 0 : storage.term(storage.lastIndex())) + 1;
            long index = storage.lastIndex() + 1;
            storage.append(List.of(new LogEntry.Config(index, term, after)));
            storage.sync();
            storage.setHardState(new HardState(term, config.nodeId(), index));
            Outcome outcome = new Outcome(before, after, index, term);
            audit(config.dataDir(), operator, old, outcome);
            log.warn("FORCED a new membership on {}: {} -> {} at index {} in term {}; entries committed only on the lost"
                    + " masters are gone. Wipe the other old members before they rejoin.", config.nodeId(), before,
                    after, index, term);
            return outcome;
        }
    }

    /** The configuration the storage's log holds last (uncommitted ones included), else its snapshot's. */
    private static Membership currentMembership(DurableStorage storage) {
        Membership latest = storage.snapshot().meta().membership();
        if (storage.lastIndex() >= storage.firstIndex()) {
            for (LogEntry e : storage.entries(storage.firstIndex(), storage.lastIndex() + 1, Long.MAX_VALUE)) {
                if (e instanceof LogEntry.Config c) {
                    latest = c.membership();
                }
            }
        }
        return latest;
    }

    private static void audit(Path dataDir, String operator, HardState old, Outcome outcome) throws IOException {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("time", Instant.now().toString());
        record.put("action", "force-membership");
        record.put("operator", operator);
        record.put("before", outcome.before().toString());
        record.put("after", outcome.after().toString());
        record.put("previousTerm", old.term());
        record.put("previousCommitIndex", old.commitIndex());
        record.put("configIndex", outcome.configIndex());
        record.put("term", outcome.term());
        Files.writeString(dataDir.resolve(AUDIT_LOG), JSON.writeValueAsString(record) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
    }
}
