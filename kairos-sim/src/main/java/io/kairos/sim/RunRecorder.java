package io.kairos.sim;

import io.kairos.raft.LogEntry;
import io.kairos.raft.Storage;
import io.kairos.raft.Membership;
import io.kairos.raft.RaftNode;
import io.kairos.raft.Ready;
import io.kairos.raft.Role;
import io.kairos.raft.message.InstallSnapshot;
import io.kairos.raft.message.Message;
import io.kairos.sim.check.EntryHash;
import io.kairos.sim.event.EventLoop;
import io.kairos.sim.kv.KvCommand;
import io.kairos.sim.node.NodeObserver;
import io.kairos.sim.node.SimNode;
import java.io.PrintStream;
import java.util.function.Consumer;

/**
 * Passes every node event on to the invariant checkers, and records the run as it goes: a
 * fingerprint over every delivered message and every applied entry (two runs of a seed must agree
 * on it), counts of commits, completed membership changes and snapshots sent, the latest committed
 * configuration, and optionally a trace.
 */
final class RunRecorder implements NodeObserver {

    private final EventLoop loop;
    private final NodeObserver checks;
    private final PrintStream trace;
    private long fingerprint = 17;
    private long highestApplied;
    private long membershipChanges;
    private long snapshotsDelivered;
    private Membership latestCommitted;
    private long highestLeaderTerm;
    private Consumer<SimNode> newLeaderListener = n -> { };

    /**
     * @param trace where to print every event, or null
     */
    RunRecorder(EventLoop loop, NodeObserver checks, Membership initial, PrintStream trace) {
        this.loop = loop;
        this.checks = checks;
        this.latestCommitted = initial;
        this.trace = trace;
    }

    @Override
    public void onStart(SimNode node, Storage storage) {
        log(node.id() + " starts from snapshot " + storage.snapshot().index() + ", log up to " + storage.lastIndex()
                + ", " + storage.hardState());
        checks.onStart(node, storage);
    }

    @Override
    public void onReady(SimNode node, Ready rd) {
        if (trace != null && (rd.snapshot() != null || !rd.entries().isEmpty() || rd.hardState() != null)) {
            log(node.id() + " persists " + (rd.snapshot() != null ? "snapshot " + rd.snapshot().meta() + " " : "")
                    + rd.entries() + (rd.hardState() != null ? " " + rd.hardState() : "") + " as " + rd.softState());
        }
        checks.onReady(node, rd);
    }

    @Override
    public void onApplied(SimNode node, LogEntry entry, KvCommand command, boolean tookEffect) {
        checks.onApplied(node, entry, command, tookEffect);
        fingerprint = mix(node.id().value() * 1_000_003L + entry.index() * 31 + entry.term());
        if (entry.index() > highestApplied) {
            highestApplied = entry.index();
            if (entry instanceof LogEntry.Config c) {
                latestCommitted = c.membership();
                if (!c.membership().isJoint()) {
                    membershipChanges++;
                }
                log("configuration " + c.membership() + " committed at " + entry.index());
            }
        }
        if (trace != null) {
            log(node.id() + " applies " + entry + (command != null ? " " + command + (tookEffect ? "" : " (dup)") : ""));
        }
    }

    @Override
    public void onDelivered(Message m) {
        fingerprint = mix(loop.nowMicros()) ^ MessageFingerprint.of(m);
        if (m instanceof InstallSnapshot) {
            snapshotsDelivered++;
        }
        if (trace != null) {
            log("deliver " + m);
        }
    }

    @Override
    public void afterInput(SimNode node, RaftNode raft) {
        checks.afterInput(node, raft);
        if (raft.role() == Role.LEADER && raft.term() > highestLeaderTerm) {
            highestLeaderTerm = raft.term();
            log(node.id() + " leads term " + raft.term());
            newLeaderListener.accept(node);
        }
    }

    /** Tells {@code listener} of each leader of a higher term than any before. */
    void onNewLeader(Consumer<SimNode> listener) {
        this.newLeaderListener = listener;
    }

    void log(String event) {
        if (trace != null) {
            trace.printf("%12.6f %s%n", loop.nowMicros() / 1e6, event);
        }
    }

    private long mix(long value) {
        return EntryHash.mix(fingerprint * 31 + value);
    }

    long fingerprint() {
        return fingerprint;
    }

    /** Entries committed (applied by at least one node). */
    long commits() {
        return highestApplied;
    }

    /** Configuration changes completed (committed configurations that are not joint). */
    long membershipChanges() {
        return membershipChanges;
    }

    long snapshotsDelivered() {
        return snapshotsDelivered;
    }

    Membership latestCommitted() {
        return latestCommitted;
    }
}
