package io.kairos.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The Raft comparison driver: for each system of {@link ComparedSystem#ALL} whose module is built,
 * runs W1 (replicated put) at each concurrency and then the failover workload, each in a child JVM
 * with that module's own classpath; reads the JSON object on the last line of the child's output,
 * prints one table per workload and writes every result to {@code compare.json}. Depends on no
 * Raft library.
 *
 * <p>Usage, from the repository root after building the modules:
 * {@code CompareBench [--out dir] [--root repoDir] [--warmup seconds] [--measure seconds]
 * [--concurrency 1,64] [--rounds 10] [--workloads w1,failover] [--systems ratis,sofajraft]}.
 * Defaults: {@code kairos-bench/target}, the current directory, 60 s, 15 s, 1 and 64, 10 rounds,
 * both workloads, every built system. A child's stdout and stderr go to
 * {@code compare-<system>-<run>.log} in the output directory, its members' data directories under
 * {@code compare-data/} there (so on that disk), deleted afterwards.
 */
public final class CompareBench {

    /**
     * Ratis (gRPC, protobuf) keeps its JIT compilers busy for well over 15 s on two cores: at 64
     * outstanding writes it measured 527-856 ops/s after a 5 s warmup, 1,515 after 30 s, 2,324 after 60 s.
     */
    static final int DEFAULT_WARMUP_SECONDS = 60;

    /** Beyond the workload's own time: JVM starts, elections, drain and the outcome check. */
    static final long CHILD_SLACK_SECONDS = 180;
    /** A failover round: idle, kill, election, restart of the killed member. */
    static final long FAILOVER_ROUND_SECONDS = 30;

    private CompareBench() {}

    record Options(Path out, Path root, String warmupSeconds, String measureSeconds, List<Integer> concurrencies,
            int rounds, List<String> workloads, Optional<List<String>> systems) {

        static Options parse(String[] args) {
            Path out = Path.of("kairos-bench/target");
            Path root = Path.of(".");
            String warmup = String.valueOf(DEFAULT_WARMUP_SECONDS);
            String measure = "15";
            List<Integer> concurrencies = List.of(1, 64);
            int rounds = 10;
            List<String> workloads = List.of("w1", "failover");
            Optional<List<String>> systems = Optional.empty();
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("no value after " + args[i]);
                }
                String value = args[i + 1];
                switch (args[i]) {
                    case "--out" -> out = Path.of(value);
                    case "--root" -> root = Path.of(value);
                    case "--warmup" -> warmup = String.valueOf(Double.parseDouble(value));
                    case "--measure" -> measure = String.valueOf(Double.parseDouble(value));
                    case "--concurrency" -> concurrencies = list(value).stream().map(Integer::valueOf).toList();
                    case "--rounds" -> rounds = Integer.parseInt(value);
                    case "--workloads" -> workloads = list(value);
                    case "--systems" -> systems = Optional.of(list(value));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            for (String workload : workloads) {
                if (!workload.equals("w1") && !workload.equals("failover")) {
                    throw new IllegalArgumentException("unknown workload " + workload + " (w1, failover)");
                }
            }
            return new Options(out, root, warmup, measure, concurrencies, rounds, workloads, systems);
        }

        private static List<String> list(String value) {
            return Arrays.stream(value.split(",")).map(String::trim).toList();
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Files.createDirectories(options.out());
        List<String> w1Results = new ArrayList<>();
        List<String> failoverResults = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (ComparedSystem system : ComparedSystem.ALL) {
            if (options.systems().isPresent() && !options.systems().get().contains(system.name())) {
                continue;
            }
            if (!system.isBuilt(options.root())) {
                System.out.println("skipped " + system.name() + ": " + system.classpathFile(options.root())
                        + " not found (build the module first)");
                continue;
            }
            if (options.workloads().contains("w1")) {
                for (int concurrency : options.concurrencies()) {
                    String run = "c" + concurrency;
                    long timeout = (long) (Double.parseDouble(options.warmupSeconds())
                            + Double.parseDouble(options.measureSeconds())) + CHILD_SLACK_SECONDS;
                    runAndCollect(system, run, options, timeout, w1Results, failures, system.w1MainClass(),
                            String.valueOf(concurrency), options.warmupSeconds(), options.measureSeconds());
                }
            }
            if (options.workloads().contains("failover")) {
                long timeout = options.rounds() * FAILOVER_ROUND_SECONDS + CHILD_SLACK_SECONDS;
                runAndCollect(system, "failover", options, timeout, failoverResults, failures,
                        system.failoverMainClass(), String.valueOf(options.rounds()));
            }
        }
        if (!w1Results.isEmpty()) {
            System.out.println("W1 replicated put:");
            System.out.print(W1Row.table(w1Results.stream().map(Json::parseObject).map(W1Row::of).toList()));
        }
        if (!failoverResults.isEmpty()) {
            System.out.println("Failover (kill -9 of the leader until the next acknowledged write):");
            System.out.print(FailoverRow.table(
                    failoverResults.stream().map(Json::parseObject).map(FailoverRow::of).toList()));
        }
        Path json = options.out().resolve("compare.json");
        Files.writeString(json, compareJson(options, w1Results, failoverResults, failures), StandardCharsets.UTF_8);
        System.out.println("written " + json);
        if (!failures.isEmpty()) {
            System.exit(1);
        }
    }

    private static void runAndCollect(ComparedSystem system, String run, Options options, long timeoutSeconds,
            List<String> results, List<String> failures, String mainClass, String... mainArgs)
            throws InterruptedException {
        System.out.printf(Locale.ROOT, "running %s %s ...%n", system.name(), run);
        try {
            results.add(runChild(system, run, mainClass, List.of(mainArgs), options, timeoutSeconds));
        } catch (IOException | IllegalStateException e) {
            failures.add(system.name() + " " + run + ": " + e.getMessage());
            System.out.println("FAILED " + system.name() + " " + run + ": " + e.getMessage());
        }
    }

    /**
     * Runs {@code mainClass scratchDir mainArgs...} in its own JVM with the system's module classpath;
     * returns the JSON line it printed last.
     */
    static String runChild(ComparedSystem system, String run, String mainClass, List<String> mainArgs,
            Options options, long timeoutSeconds) throws IOException, InterruptedException {
        Path root = options.root();
        String classpath = system.classesDir(root) + File.pathSeparator
                + Files.readString(system.classpathFile(root), StandardCharsets.UTF_8).trim();
        Path scratch = options.out().toAbsolutePath().resolve("compare-data").resolve(system.name() + "-" + run);
        Path log = options.out().resolve("compare-" + system.name() + "-" + run + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(system.jvmFlags());
        command.addAll(List.of("-cp", classpath, mainClass, scratch.toString()));
        command.addAll(mainArgs);
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!child.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            child.destroyForcibly().waitFor();
            throw new IllegalStateException("no result within " + timeoutSeconds + " s; see " + log);
        }
        Optional<String> json = lastJsonLine(Files.readAllLines(log, StandardCharsets.UTF_8));
        if (child.exitValue() != 0 || json.isEmpty()) {
            throw new IllegalStateException("exit code " + child.exitValue() + ", no JSON result; see " + log);
        }
        return json.get();
    }

    /** The last line that is a JSON object; stderr is merged into the same log, so skip what follows it. */
    static Optional<String> lastJsonLine(List<String> lines) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = lines.get(i).trim();
            if (line.startsWith("{") && line.endsWith("}")) {
                try {
                    Json.parseObject(line);
                    return Optional.of(line);
                } catch (IllegalArgumentException notJson) {
                    // a log line in braces: keep looking upwards
                }
            }
        }
        return Optional.empty();
    }

    static String compareJson(Options options, List<String> w1Results, List<String> failoverResults,
            List<String> failures) {
        return "{\n  \"date\": \"" + Instant.now() + "\",\n"
                + "  \"machine\": {\"availableProcessors\": " + Runtime.getRuntime().availableProcessors()
                + ", \"os\": \"" + System.getProperty("os.name") + " " + System.getProperty("os.version")
                + "\", \"java\": \"" + System.getProperty("java.version") + "\"},\n"
                + "  \"warmupSeconds\": " + options.warmupSeconds() + ", \"measureSeconds\": "
                + options.measureSeconds() + ", \"failoverRounds\": " + options.rounds() + ",\n"
                + "  \"w1\": [\n    " + String.join(",\n    ", w1Results) + "\n  ],\n"
                + "  \"failover\": [\n    " + String.join(",\n    ", failoverResults) + "\n  ],\n"
                + "  \"failures\": [" + failures.stream().map(CompareBench::quote).collect(Collectors.joining(", "))
                + "]\n}\n";
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
