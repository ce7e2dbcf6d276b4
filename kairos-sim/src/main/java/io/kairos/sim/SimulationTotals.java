package io.kairos.sim;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Sums the results of many seeds and prints the summary. */
final class SimulationTotals {

    private long seeds;
    private long virtualMicros;
    private long elections;
    private long commits;
    private long writes;
    private long reads;
    private long unknownOps;
    private long crashes;
    private long restarts;
    private long partitions;
    private long drops;
    private long duplicates;
    private long membershipChanges;
    private long transfers;
    private long snapshotsTaken;
    private long snapshotsSent;
    private long messagesDelivered;
    private long tornTails;
    private boolean durable;
    private final List<SimulationResult> failures = new ArrayList<>();

    void add(SimulationResult r) {
        seeds++;
        virtualMicros += r.virtualMicros();
        elections += r.elections();
        commits += r.commits();
        writes += r.writes();
        reads += r.reads();
        unknownOps += r.unknownOps();
        crashes += r.crashes();
        restarts += r.restarts();
        partitions += r.partitions();
        drops += r.drops();
        duplicates += r.duplicates();
        membershipChanges += r.membershipChanges();
        transfers += r.transfers();
        snapshotsTaken += r.snapshotsTaken();
        snapshotsSent += r.snapshotsSent();
        messagesDelivered += r.messagesDelivered();
        tornTails += r.tornTails();
        durable |= r.storage() == StorageKind.DURABLE;
        if (r.failed()) {
            failures.add(r);
        }
    }

    List<SimulationResult> failures() {
        return List.copyOf(failures);
    }

    void print(PrintStream out, long wallNanos) {
        double wallSeconds = wallNanos / 1e9;
        out.printf("seeds run: %d (%.1f seeds/min)%n", seeds, seeds / wallSeconds * 60);
        out.printf("virtual time simulated: %.1f s%n", virtualMicros / 1e6);
        out.printf("elections: %d%n", elections);
        out.printf("commits: %d%n", commits);
        out.printf("client writes: %d, reads: %d, unknown outcome: %d%n", writes, reads, unknownOps);
        out.printf("faults injected: %d crashes, %d restarts, %d partitions, %d drops, %d duplicates%n", crashes,
                restarts, partitions, drops, duplicates);
        out.printf("membership changes: %d, leadership transfers: %d%n", membershipChanges, transfers);
        out.printf("snapshots taken: %d, sent: %d%n", snapshotsTaken, snapshotsSent);
        if (durable) {
            out.printf("durable storage: %d log tails torn by crashes, recovered on restart%n", tornTails);
        }
        out.printf("messages delivered: %d (%.0f per second of wall time)%n", messagesDelivered,
                messagesDelivered / wallSeconds);
        out.printf("violations: %d%n", failures.size());
        out.printf("wall time: %.1f s%n", wallSeconds);
    }
}
