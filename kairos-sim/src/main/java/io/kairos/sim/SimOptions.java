package io.kairos.sim;

import java.util.List;

/**
 * The options of {@code kairos sim}.
 *
 * @param firstSeed the first seed to run
 * @param seeds how many consecutive seeds to run
 * @param nodes the initial cluster size, 3 or 5
 * @param durationSeconds virtual seconds of faults per seed before the final heal
 * @param faults which faults to inject
 * @param storage what the nodes store their state in
 * @param trace whether to print every event (one seed only)
 * @param workload {@code kv} (the key-value clusters) or {@code scheduler} (masters, workers, jobs)
 */
record SimOptions(long firstSeed, int seeds, int nodes, long durationSeconds, FaultMix faults, StorageKind storage,
        boolean trace, String workload) {

    static final long DEFAULT_DURATION_SECONDS = 150;
    static final long DEFAULT_SCHEDULER_DURATION_SECONDS = 60;

    SimOptions(long firstSeed, int seeds, int nodes, long durationSeconds, FaultMix faults, StorageKind storage,
            boolean trace) {
        this(firstSeed, seeds, nodes, durationSeconds, faults, storage, trace, "kv");
    }

    boolean schedulerWorkload() {
        return workload.equals("scheduler");
    }

    static final String USAGE = """
            usage: kairos sim [options]
              --seeds N              how many seeds to run (default 100)
              --first-seed S         the first seed (default 1)
              --seed S               replay exactly one seed
              --nodes 3|5            initial cluster size (default 3)
              --duration-seconds T   virtual seconds of faults per seed (default 150)
              --faults MIX           none, network, crash or all (default all)
              --storage KIND         memory (default) or durable: the real write-ahead log and
                                     snapshot files in a scratch directory, torn by crashes
              --trace                print every event (with --seed only)
              --workload KIND        kv (default): key-value clusters checked for linearizability;
                                     scheduler: masters running the scheduler, workers and jobs
                                     (60 s per seed unless --duration-seconds; memory storage)
            """;

    static SimOptions parse(List<String> args) throws UsageException {
        Builder b = new Builder();
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            if (option.equals("--trace")) {
                b.trace = true;
            } else if (i + 1 < args.size()) {
                b.set(option, args.get(++i));
            } else {
                throw new UsageException(option.startsWith("--") ? option + " needs a value" : "unexpected " + option);
            }
        }
        return b.build();
    }

    /** The options as they are read, checked for consistency at the end. */
    private static final class Builder {
        long firstSeed = 1;
        int seeds = 100;
        int nodes = 3;
        long duration = DEFAULT_DURATION_SECONDS;
        FaultMix faults = FaultMix.ALL;
        StorageKind storage = StorageKind.MEMORY;
        boolean trace;
        String workload = "kv";
        boolean durationGiven;
        Long single;
        boolean seedsGiven;
        boolean firstGiven;

        void set(String option, String value) throws UsageException {
            switch (option) {
                case "--seeds" -> {
                    seeds = (int) number(option, value, 1, Integer.MAX_VALUE);
                    seedsGiven = true;
                }
                case "--first-seed" -> {
                    firstSeed = number(option, value, Long.MIN_VALUE, Long.MAX_VALUE);
                    firstGiven = true;
                }
                case "--seed" -> single = number(option, value, Long.MIN_VALUE, Long.MAX_VALUE);
                case "--nodes" -> {
                    nodes = (int) number(option, value, 3, 5);
                    if (nodes != 3 && nodes != 5) {
                        throw new UsageException("--nodes must be 3 or 5, got " + value);
                    }
                }
                case "--duration-seconds" -> {
                    duration = number(option, value, 0, 1_000_000);
                    durationGiven = true;
                }
                case "--workload" -> {
                    if (!value.equals("kv") && !value.equals("scheduler")) {
                        throw new UsageException("--workload must be kv or scheduler, got " + value);
                    }
                    workload = value;
                }
                case "--faults" -> {
                    faults = FaultMix.parse(value);
                    if (faults == null) {
                        throw new UsageException("--faults must be none, network, crash or all, got " + value);
                    }
                }
                case "--storage" -> {
                    storage = StorageKind.parse(value);
                    if (storage == null) {
                        throw new UsageException("--storage must be memory or durable, got " + value);
                    }
                }
                default -> throw new UsageException("unknown option " + option);
            }
        }

        SimOptions build() throws UsageException {
            if (workload.equals("scheduler")) {
                if (storage != StorageKind.MEMORY) {
                    throw new UsageException("--workload scheduler runs on memory storage only");
                }
                if (!durationGiven) {
                    duration = DEFAULT_SCHEDULER_DURATION_SECONDS;
                }
            }
            if (single != null) {
                if (seedsGiven || firstGiven) {
                    throw new UsageException(
                            "--seed replays one seed; it cannot be combined with --seeds or --first-seed");
                }
                return new SimOptions(single, 1, nodes, duration, faults, storage, trace, workload);
            }
            if (trace) {
                throw new UsageException("--trace needs --seed");
            }
            return new SimOptions(firstSeed, seeds, nodes, duration, faults, storage, false, workload);
        }
    }

    private static long number(String option, String value, long min, long max) throws UsageException {
        long n;
        try {
            n = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new UsageException(option + " needs a whole number, got " + value);
        }
        if (n < min || n > max) {
            throw new UsageException(option + " must be between " + min + " and " + max + ", got " + value);
        }
        return n;
    }

    SimulationParams params() {
        return SimulationParams.of(nodes, durationSeconds, faults, storage);
    }
}
