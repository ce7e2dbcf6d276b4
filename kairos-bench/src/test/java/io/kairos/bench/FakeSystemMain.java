package io.kairos.bench;

/**
 * Stands in for a compared system's main in {@link CompareBenchTest}: prints a log line, a W1
 * result for the concurrency it was given, and a log line after it; with concurrency 13 it prints
 * no result and exits with 3.
 */
public final class FakeSystemMain {

    private FakeSystemMain() {}

    public static void main(String[] args) {
        int concurrency = Integer.parseInt(args[1]);
        System.err.println("12:00:00 WARN fake starting in " + args[0]);
        if (concurrency == 13) {
            System.exit(3);
        }
        System.out.println("{\"system\": \"fake\", \"version\": \"0\", \"settings\": {}, \"concurrency\": " + concurrency
                + ", \"ops\": 10, \"seconds\": 1.0, \"opsPerSecond\": 10.0, \"p50Micros\": 5, \"p99Micros\": 6, "
                + "\"p999Micros\": 7, \"verified\": true}");
        System.err.println("12:00:01 WARN fake stopped");
    }
}
