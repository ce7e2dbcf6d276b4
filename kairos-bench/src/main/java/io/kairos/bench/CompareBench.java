package io.kairos.bench;

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
 * and each concurrency, launches that system's W1 main in a child JVM with the module's own
 * classpath, reads the JSON object on the last line of its stdout, prints one table and writes
 * every result to {@code compare.json}. Depends on no Raft library.
 *
 * <p>Usage, from the repository root after building the modules:
 * {@code CompareBench [--out dir] [--root repoDir] [--warmup seconds] [--measure seconds]
 * [--concurrency 1,64] [--systems ratis,sofajraft]}. Defaults: {@code kairos-bench/target}, the
 * current directory, 5 s, 15 s, 1 and 64, every built system. A child's stdout and stderr go to
 * {@code compare-<system>-c<concurrency>.log} in the output directory, its members' data
 * directories under {@code compare-data/} there (so on that disk), deleted afterwards.
 */
public final class CompareBench {

    /** Beyond warmup and measure: JVM start, elections, drain and the outcome check. */
    static final long CHILD_SLACK_SECONDS = 180;

    private CompareBench() {}

    record Options(Path out, Path root, String warmupSeconds, String measureSeconds, List<Integer> concurrencies,
            Optional<List<String>> systems) {

        static Options parse(String[] args) {
            Path out = Path.of("kairos-bench/target");
            Path root = Path.of(".");
            String warmup = "5";
            String measure = "15";
            List<Integer> concurrencies = List.of(1, 64);
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
                    case "--concurrency" -> concurrencies = Arrays.stream(value.split(","))
                            .map(String::trim).map(Integer::valueOf).toList();
                    case "--systems" -> systems = Optional.of(Arrays.stream(value.split(",")).map(String::trim).toList());
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            return new Options(out, root, warmup, measure, concurrencies, systems);
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Files.createDirectories(options.out());
        List<String> results = new ArrayList<>();
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
            for (int concurrency : options.concurrencies()) {
                System.out.printf(Locale.ROOT, "running %s, concurrency %d ...%n", system.name(), concurrency);
                try {
                    results.add(runChild(system, concurrency, options));
                } catch (IOException | IllegalStateException e) {
                    failures.add(system.name() + " c" + concurrency + ": " + e.getMessage());
                    System.out.println("FAILED " + system.name() + " c" + concurrency + ": " + e.getMessage());
                }
            }
        }
        List<W1Row> rows = results.stream().map(Json::parseObject).map(W1Row::of).toList();
        System.out.print(W1Row.table(rows));
        Path json = options.out().resolve("compare.json");
        Files.writeString(json, compareJson(options, results, failures), StandardCharsets.UTF_8);
        System.out.println("written " + json);
        if (!failures.isEmpty()) {
            System.exit(1);
        }
    }

    /** Runs one system at one concurrency in its own JVM; returns the JSON line it printed last. */
    static String runChild(ComparedSystem system, int concurrency, Options options)
            throws IOException, InterruptedException {
        Path root = options.root();
        String classpath = system.classesDir(root) + java.io.File.pathSeparator
                + Files.readString(system.classpathFile(root), StandardCharsets.UTF_8).trim();
        Path scratch = options.out().resolve("compare-data").resolve(system.name() + "-c" + concurrency);
        Path log = options.out().resolve("compare-" + system.name() + "-c" + concurrency + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(system.jvmFlags());
        command.addAll(List.of("-cp", classpath, system.w1MainClass(), scratch.toString(),
                String.valueOf(concurrency), options.warmupSeconds(), options.measureSeconds()));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long timeoutSeconds = (long) (Double.parseDouble(options.warmupSeconds())
                + Double.parseDouble(options.measureSeconds())) + CHILD_SLACK_SECONDS;
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

    static String compareJson(Options options, List<String> results, List<String> failures) {
        return "{\n  \"date\": \"" + Instant.now() + "\",\n"
                + "  \"machine\": {\"availableProcessors\": " + Runtime.getRuntime().availableProcessors()
                + ", \"os\": \"" + System.getProperty("os.name") + " " + System.getProperty("os.version")
                + "\", \"java\": \"" + System.getProperty("java.version") + "\"},\n"
                + "  \"workload\": \"W1 replicated put\", \"warmupSeconds\": " + options.warmupSeconds()
                + ", \"measureSeconds\": " + options.measureSeconds() + ",\n"
                + "  \"results\": [\n    " + String.join(",\n    ", results) + "\n  ],\n"
                + "  \"failures\": [" + failures.stream().map(CompareBench::quote).collect(Collectors.joining(", "))
                + "]\n}\n";
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
