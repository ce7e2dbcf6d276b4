package io.kairos.sim.sched;

import io.kairos.scheduler.command.Command;
import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;

/** Counts what happened in a run, prints a trace if asked, and folds everything into a fingerprint. */
final class SchedulerRecorder {

    private final io.kairos.sim.event.EventLoop loop;
    private final PrintStream trace;
    private final Map<String, Long> counters = new TreeMap<>();
    private long fingerprint = 1125899906842597L;

    SchedulerRecorder(io.kairos.sim.event.EventLoop loop, PrintStream trace) {
        this.loop = loop;
        this.trace = trace;
    }

    void count(String what) {
        add(what, 1);
    }

    void add(String what, long n) {
        counters.merge(what, n, Long::sum);
    }

    long counter(String what) {
        return counters.getOrDefault(what, 0L);
    }

    Map<String, Long> counters() {
        return counters;
    }

    void proposed(MasterNode leader, Command c) {
        count("proposed " + c.getClass().getSimpleName());
        log(leader.name() + " proposes " + c);
    }

    void snapshotTaken() {
        count("snapshots");
    }

    /** Folds a fact of the run into the fingerprint. */
    void mix(long value) {
        fingerprint = 31 * fingerprint + value;
    }

    long fingerprint() {
        return fingerprint;
    }

    void log(String line) {
        if (trace != null) {
            trace.printf("%10.3f %s%n", loop.nowMicros() / 1e6, line);
        }
    }
}
