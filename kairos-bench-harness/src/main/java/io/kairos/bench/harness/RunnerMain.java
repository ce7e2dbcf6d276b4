package io.kairos.bench.harness;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code main} of every system's W1 and failover runner: parse the command line, run, print the
 * result's JSON as the last line of stdout (and to the JSON file if one is named), and exit with 0
 * or 1. The exit is explicit because the libraries leave non-daemon threads behind, on failure and
 * even after a clean close.
 */
public final class RunnerMain {

    /** One W1 run of a system. */
    @FunctionalInterface
    public interface W1 {
        W1Result run(BenchArgs args) throws Exception;
    }

    /** One failover run of a system: {@code rounds} kills of the leader. */
    @FunctionalInterface
    public interface Failover {
        FailoverResult run(Path scratch, int rounds) throws Exception;
    }

    /** Starts member {@code index} of a failover cluster in this JVM; closing it stops the member. */
    @FunctionalInterface
    public interface Member {
        AutoCloseable start(int index, int[] ports, Path dataRoot) throws Exception;
    }

    public static final int DEFAULT_FAILOVER_ROUNDS = 10;

    private RunnerMain() {}

    /** {@code scratchDir [concurrency [warmupSeconds [measureSeconds [jsonFile]]]]}. */
    public static void w1(String[] args, W1 w1) {
        exit(() -> {
            BenchArgs parsed = BenchArgs.parse(args);
            print(w1.run(parsed).toJson(), parsed.jsonFile().orElse(null));
        });
    }

    /**
     * {@code scratchDir [rounds [jsonFile]]} runs the workload; {@code member <index> <ports>
     * <dataRoot>} runs one member for {@link MemberProcesses}: it says {@link MemberProcesses#READY}
     * once started and stops when its parent is gone.
     */
    public static void failover(String[] args, Member member, Failover failover) {
        exit(() -> {
            if (args.length > 0 && args[0].equals("member")) {
                try (AutoCloseable started = member.start(Integer.parseInt(args[1]),
                        MemberProcesses.parsePorts(args[2]), Path.of(args[3]))) {
                    System.out.println(MemberProcesses.READY);
                    System.out.flush();
                    MemberProcesses.awaitParentGone();
                }
                return;
            }
            if (args.length < 1) {
                throw new IllegalArgumentException("usage: scratchDir [rounds [jsonFile]] | member index ports dataRoot");
            }
            int rounds = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_FAILOVER_ROUNDS;
            print(failover.run(Path.of(args[0]), rounds).toJson(), args.length > 2 ? Path.of(args[2]) : null);
        });
    }

    private interface Body {
        void run() throws Exception;
    }

    private static void exit(Body body) {
        int status = 1;
        try {
            body.run();
            status = 0;
        } catch (Exception e) {
            e.printStackTrace();
        }
        System.exit(status);
    }

    private static void print(String json, Path jsonFile) throws java.io.IOException {
        if (jsonFile != null) {
            Files.writeString(jsonFile, json + "\n", StandardCharsets.UTF_8);
        }
        System.out.println(json);
    }
}
