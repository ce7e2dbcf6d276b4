package io.kairos.sim;

import java.io.PrintStream;
import java.util.List;

/** {@code kairos sim}: runs seeds one after another in this thread and prints a summary. */
final class SimCommand {

    private SimCommand() {
    }

    /** @return the exit code: 0 without violations, 1 with, 2 for a usage error */
    static int run(List<String> args, PrintStream out, PrintStream err) {
        SimOptions options;
        try {
            options = SimOptions.parse(args);
        } catch (UsageException e) {
            err.println("kairos sim: " + e.getMessage());
            err.print(SimOptions.USAGE);
            return 2;
        }
        if (options.schedulerWorkload()) {
            return SchedulerCommand.run(options, out, err);
        }
        SimulationParams params = options.params();
        SimulationTotals totals = new SimulationTotals();
        long lastFingerprint = 0;
        long start = System.nanoTime();
        for (int i = 0; i < options.seeds(); i++) {
            long seed = options.firstSeed() + i;
            SimulationResult r = options.trace() ? Simulation.runTraced(params, seed, out) : Simulation.run(params, seed);
            totals.add(r);
            lastFingerprint = r.fingerprint();
            if (r.failed()) {
                err.println("VIOLATION in seed " + seed + " (" + r.nodes() + " nodes): " + r.violation());
                err.println("replay: " + r.replayCommand());
            }
        }
        totals.print(out, System.nanoTime() - start);
        if (options.seeds() == 1) {
            out.printf("fingerprint: %016x%n", lastFingerprint);
        }
        return totals.failures().isEmpty() ? 0 : 1;
    }
}
