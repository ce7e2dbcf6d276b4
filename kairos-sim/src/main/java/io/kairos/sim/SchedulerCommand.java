package io.kairos.sim;

import io.kairos.sim.sched.SchedulerParams;
import io.kairos.sim.sched.SchedulerResult;
import io.kairos.sim.sched.SchedulerSimulation;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code kairos sim --workload scheduler}: runs scheduler seeds one after another and prints a summary. */
final class SchedulerCommand {

    private SchedulerCommand() {
    }

    static int run(SimOptions options, PrintStream out, PrintStream err) {
        SchedulerParams params = SchedulerParams.of(options.nodes(), options.durationSeconds(), options.faults());
        Map<String, Long> totals = new TreeMap<>();
        List<Long> failures = new ArrayList<>();
        long lastFingerprint = 0;
        long start = System.nanoTime();
        for (int i = 0; i < options.seeds(); i++) {
            long seed = options.firstSeed() + i;
            SchedulerResult r = options.trace() ? SchedulerSimulation.runTraced(params, seed, out)
                    : SchedulerSimulation.run(params, seed);
            r.counters().forEach((k, v) -> totals.merge(k, v, Long::sum));
            lastFingerprint = r.fingerprint();
            if (r.failed()) {
                failures.add(seed);
                err.println("VIOLATION in seed " + seed + " (scheduler, " + params.masters() + " masters): "
                        + r.violation());
                err.println("replay: " + r.replayCommand());
            }
        }
        out.printf("scheduler seeds %d..%d, %d masters, %d s each, faults %s: %.1f s%n", options.firstSeed(),
                options.firstSeed() + options.seeds() - 1, params.masters(), options.durationSeconds(),
                options.faults().label(), (System.nanoTime() - start) / 1e9);
        totals.forEach((k, v) -> out.printf("  %-40s %,d%n", k, v));
        out.println("violations: " + failures.size() + (failures.isEmpty() ? "" : " " + failures));
        if (options.seeds() == 1) {
            out.printf("fingerprint: %016x%n", lastFingerprint);
        }
        return failures.isEmpty() ? 0 : 1;
    }
}
