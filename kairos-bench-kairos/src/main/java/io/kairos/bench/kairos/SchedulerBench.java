package io.kairos.bench.kairos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.kairos.bench.harness.MemberProcesses;
import io.kairos.bench.harness.Ports;
import io.kairos.bench.harness.Scratch;
import io.kairos.scheduler.SchedulerStateMachine;
import io.kairos.scheduler.command.Command;
import io.kairos.scheduler.job.JobSpec;
import io.kairos.scheduler.job.Schedule;
import io.kairos.server.KairosServer;
import io.kairos.server.master.MasterStateMachine;
import io.kairos.worker.WorkerAgent;
import io.kairos.worker.WorkerConfig;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The scheduler under load and failures, on three masters in their own JVMs and a worker in this
 * one (whose Java handlers record when each run started, against its scheduled time):
 *
 * <ol>
 *   <li><b>heap</b>: bytes of scheduler state per 100,000 jobs (one state machine, after GC);
 *   <li><b>lateness</b>: for each job count, fixed-rate jobs spread evenly to offer the given fires
 *       per second; after a warm-up, every run's dispatch lateness (the handler's start on the
 *       worker minus the scheduled time) and the fires per second achieved;
 *   <li><b>failover</b>: 100 jobs firing every 100 ms; the leader's JVM killed ({@code kill -9});
 *       the time until the worker starts the first run scheduled after the kill (which only the
 *       new leader can have fired); the killed master restarts between rounds;
 *   <li><b>re-dispatch</b>: a second worker in its own JVM holds 20 long runs; it is killed; the
 *       time until this JVM's worker starts them all again as new attempts.
 * </ol>
 *
 * <p>Usage: {@code SchedulerBench scratchDir [jsonFile]}, sizes by system properties
 * {@code -Dbench.jobs=10000,100000 -Dbench.rate=1000 -Dbench.seconds=60 -Dbench.warmupSeconds=30
 * -Dbench.failoverRounds=5};
 * or {@code SchedulerBench member <index> <six ports> <dataRoot>} (one master; started by the former).
 */
public final class SchedulerBench {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(2)).build();
    /** Firing before the measured window: a cold cluster (JIT, first allocations) builds a backlog first. */
    static final long WARMUP_MILLIS = Long.getLong("bench.warmupSeconds", 30) * 1_000;

    private SchedulerBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("member")) {
            int[] ports = MemberProcesses.parsePorts(args[2]);
            try (KairosServer server = KairosMember.start(KairosMember.configs(ports, Path.of(args[3]))
                    .get(Integer.parseInt(args[1])), new MasterStateMachine())) {
                System.out.println(MemberProcesses.READY);
                System.out.flush();
                MemberProcesses.awaitParentGone();
            }
            System.exit(0);
        }
        if (args.length < 1) {
            System.err.println("usage: SchedulerBench scratchDir [jsonFile] | member index ports dataRoot");
            System.exit(2);
        }
        Path scratch = Path.of(args[0]);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("machine", Runtime.getRuntime().availableProcessors() + " cpus, " + System.getProperty("java.version"));
        result.put("heapBytesPer100kJobs", heapPer100kJobs());
        List<Map<String, Object>> lateness = new ArrayList<>();
        for (String jobs : System.getProperty("bench.jobs", "10000,100000").split(",")) {
            if (jobs.isBlank()) {
                continue;
            }
            lateness.add(lateness(scratch, Integer.parseInt(jobs.strip()), Integer.getInteger("bench.rate", 1_000),
                    Integer.getInteger("bench.seconds", 60)));
            System.out.println(JSON.writeValueAsString(lateness.get(lateness.size() - 1)));
        }
        result.put("lateness", lateness);
        result.put("failover", failover(scratch, Integer.getInteger("bench.failoverRounds", 5)));
        System.out.println(JSON.writeValueAsString(result.get("failover")));
        result.put("redispatch", redispatch(scratch));
        String json = JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result);
        if (args.length > 1) {
            Files.writeString(Path.of(args[1]), json + "\n");
        }
        System.out.println(json);
        System.exit(0);
    }

    /** The scheduler state's heap for 100,000 fixed-rate jobs, measured on one state machine. */
    static long heapPer100kJobs() {
        long before = usedHeapAfterGc();
        SchedulerStateMachine state = new SchedulerStateMachine();
        state.apply(new Command.Tick(1_000));
        JobSpec spec = JobSpec.builder(new Schedule.FixedRate(100_000)).build();
        for (int i = 0; i < 100_000; i++) {
            state.apply(new Command.CreateJob("job-" + i, spec));
        }
        long after = usedHeapAfterGc();
        if (state.jobs().size() != 100_000) {
            throw new AssertionError("jobs missing");
        }
        return after - before;
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static Map<String, Object> lateness(Path scratch, int jobs, int firesPerSecond, int seconds) throws Exception {
        long period = (long) jobs * 1_000 / firesPerSecond;
        try (Cluster cluster = Cluster.start(scratch.resolve("lateness-" + jobs));
                WorkerAgent worker = cluster.worker("bench-worker", List.of(), 20_000)) {
            long base = System.currentTimeMillis() + 15_000 + jobs / 2; // creation runs at some 2,000+ jobs/s
            cluster.createJobs(jobs, i -> "{\"jobId\":\"j" + i + "\",\"spec\":{\"schedule\":{\"type\":\"fixedRate\","
                    + "\"periodMillis\":" + period + "},\"startMillis\":" + (base + (long) i * period / jobs)
                    + ",\"historySize\":2,\"task\":{\"type\":\"java\",\"handler\":\"bench-record\"}}}");
            if (System.currentTimeMillis() > base) {
                throw new IllegalStateException("creating " + jobs + " jobs took past their first fire");
            }
            waitUntil(base + WARMUP_MILLIS);
            BenchHandlers.STARTS.clear();
            long from = System.currentTimeMillis();
            waitUntil(from + seconds * 1_000L);
            long to = System.currentTimeMillis();
            System.out.println("lateness phase: " + BenchHandlers.STARTS.size() + " starts in the window");
            Histogram late = new Histogram(3);
            long count = 0;
            java.util.TreeMap<Long, Long> worstBySecond = new java.util.TreeMap<>();
            for (BenchHandlers.Start s : BenchHandlers.STARTS) {
                // Fires scheduled in [from, to - 1 s): every one of them had a second to start before
                // the window closed (the list was cleared at from, so earlier ones may be missing).
                if (s.scheduledMillis() >= from && s.scheduledMillis() < to - 1_000) {
                    long lateness = Math.max(0, s.startedMillis() - s.scheduledMillis());
                    late.recordValue(lateness);
                    worstBySecond.merge((s.scheduledMillis() - from) / 1_000, lateness, Math::max);
                    count++;
                }
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("jobs", jobs);
            r.put("offeredFiresPerSecond", firesPerSecond);
            r.put("measuredSeconds", (to - 1_000 - from) / 1_000.0);
            r.put("firesPerSecond", count * 1_000.0 / (to - 1_000 - from));
            r.put("latenessMillisP50", late.getValueAtPercentile(50));
            r.put("latenessMillisP99", late.getValueAtPercentile(99));
            r.put("latenessMillisP999", late.getValueAtPercentile(99.9));
            r.put("latenessMillisMax", late.getMaxValue());
            r.put("worstLatenessMillisBySecond", worstBySecond.values());
            return r;
        }
    }

    static Map<String, Object> failover(Path scratch, int rounds) throws Exception {
        List<Long> firstFire = new ArrayList<>();
        try (Cluster cluster = Cluster.start(scratch.resolve("failover"));
                WorkerAgent worker = cluster.worker("bench-worker", List.of(), 2_000)) {
            long base = System.currentTimeMillis() + 3_000;
            cluster.createJobs(100, i -> "{\"jobId\":\"f" + i + "\",\"spec\":{\"schedule\":{\"type\":\"fixedRate\","
                    + "\"periodMillis\":100},\"startMillis\":" + (base + i) + ",\"historySize\":2,\"misfire\":"
                    + "{\"policy\":\"FIRE_ALL_UP_TO\",\"limit\":1000},\"task\":{\"type\":\"java\",\"handler\":"
                    + "\"bench-record\"}}}");
            waitUntil(base + 5_000);
            for (int r = 0; r < rounds; r++) {
                int leader = cluster.leaderIndex();
                long kill = System.currentTimeMillis();
                cluster.members.kill(leader);
                long first = -1;
                while (first < 0 && System.currentTimeMillis() - kill < 60_000) {
                    for (BenchHandlers.Start s : BenchHandlers.STARTS) {
                        if (s.scheduledMillis() > kill && (first < 0 || s.startedMillis() < first)) {
                            first = s.startedMillis();
                        }
                    }
                    TimeUnit.MILLISECONDS.sleep(2); // polling this JVM's own record of starts
                }
                firstFire.add(first < 0 ? -1 : first - kill);
                cluster.members.start(leader);
                waitUntil(System.currentTimeMillis() + 5_000);
            }
        }
        List<Long> sorted = new ArrayList<>(firstFire);
        sorted.sort(Long::compare);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("electionTimeoutMillis", "1000-2000");
        r.put("killToFirstFireMillis", firstFire);
        r.put("medianMillis", sorted.get(sorted.size() / 2));
        r.put("maxMillis", sorted.get(sorted.size() - 1));
        return r;
    }

    static Map<String, Object> redispatch(Path scratch) throws Exception {
        Path dir = scratch.resolve("redispatch");
        try (Cluster cluster = Cluster.start(dir);
                WorkerAgent survivor = cluster.worker("z-survivor", List.of("g"), 100)) {
            Process victim = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "io.kairos.worker.WorkerMain", "--masters",
                    String.join(",", cluster.urls.stream().map(URI::toString).toList()), "--id", "a-victim",
                    "--tags", "g", "--capacity", "100", "--data-dir", dir.resolve("victim").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("victim.log").toFile()).start();
            try {
                awaitCondition(() -> cluster.get("/v1/workers").toString().contains("a-victim"), 30_000);
                cluster.createJobs(20, i -> "{\"jobId\":\"h" + i + "\",\"spec\":{\"schedule\":{\"type\":\"onDemand\"},"
                        + "\"target\":{\"groupTag\":\"g\",\"routing\":\"FIRST_HEALTHY\"},\"task\":{\"type\":\"java\","
                        + "\"handler\":\"bench-hold\"}}}");
                for (int i = 0; i < 20; i++) {
                    cluster.post("/v1/jobs/h" + i + "/trigger", "{}");
                }
                awaitCondition(() -> {
                    int onVictim = 0;
                    for (JsonNode run : cluster.get("/v1/runs")) {
                        onVictim += run.get("state").asText().equals("RUNNING")
                                && run.get("workerId").asText().equals("a-victim") ? 1 : 0;
                    }
                    return onVictim == 20;
                }, 30_000);
                BenchHandlers.STARTS.clear();
                long kill = System.currentTimeMillis();
                victim.destroyForcibly().waitFor();
                awaitCondition(() -> BenchHandlers.STARTS.size() >= 20, 60_000);
                long first = Long.MAX_VALUE;
                long last = 0;
                for (BenchHandlers.Start s : BenchHandlers.STARTS) {
                    first = Math.min(first, s.startedMillis() - kill);
                    last = Math.max(last, s.startedMillis() - kill);
                }
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("leaseMillis", 5_000);
                r.put("runs", 20);
                r.put("killToFirstRedispatchMillis", first);
                r.put("killToLastRedispatchMillis", last);
                return r;
            } finally {
                victim.destroyForcibly();
            }
        }
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    static void awaitCondition(Condition c, long timeoutMillis) throws Exception {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (!c.holds()) {
            if (System.currentTimeMillis() > end) {
                throw new IllegalStateException("not within " + timeoutMillis + " ms");
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    static void waitUntil(long epochMillis) throws InterruptedException {
        long wait = epochMillis - System.currentTimeMillis();
        if (wait > 0) {
            TimeUnit.MILLISECONDS.sleep(wait);
        }
    }

    /** Three master JVMs and how to reach them. */
    static final class Cluster implements AutoCloseable {
        final MemberProcesses members;
        final List<URI> urls;
        final Path dir;

        private Cluster(MemberProcesses members, List<URI> urls, Path dir) {
            this.members = members;
            this.urls = urls;
            this.dir = dir;
        }

        static Cluster start(Path dir) throws Exception {
            Scratch.deleteRecursively(dir);
            Files.createDirectories(dir);
            int[] ports = Ports.free(6);
            MemberProcesses members = new MemberProcesses(SchedulerBench.class.getName(), ports, dir);
            Cluster cluster = new Cluster(members, KairosMember.apiUris(ports), dir);
            for (int i = 0; i < 3; i++) {
                members.start(i);
            }
            awaitCondition(() -> cluster.leaderIndex() >= 0, 30_000);
            return cluster;
        }

        WorkerAgent worker(String id, List<String> tags, int capacity) {
            WorkerAgent agent = new WorkerAgent(WorkerConfig.builder(id, urls).tags(tags).capacity(capacity)
                    .dataDir(dir.resolve(id)).drainTimeout(Duration.ofSeconds(1)).build());
            agent.start();
            return agent;
        }

        /** The member index of the leader every answering master names, or -1. */
        int leaderIndex() {
            for (URI url : urls) {
                try {
                    JsonNode s = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(url + "/v1/cluster"))
                            .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.ofString()).body());
                    if (s.get("role").asText().equals("LEADER")) {
                        return s.get("node").asInt() - 1;
                    }
                } catch (IOException e) {
                    // down: ask the next
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return -1;
                }
            }
            return -1;
        }

        URI leaderUrl() {
            int leader = leaderIndex();
            if (leader < 0) {
                throw new IllegalStateException("no leader");
            }
            return urls.get(leader);
        }

        JsonNode get(String path) throws Exception {
            return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(leaderUrl() + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body());
        }

        void post(String path, String body) throws Exception {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(leaderUrl() + path))
                    .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() >= 300) {
                throw new IllegalStateException(path + ": " + r.statusCode() + " " + r.body());
            }
        }

        /** Creates jobs through the leader's API with 64 requests in flight. */
        void createJobs(int count, java.util.function.IntFunction<String> body) throws Exception {
            URI leader = leaderUrl();
            Semaphore inFlight = new Semaphore(64);
            List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                inFlight.acquire();
                CompletableFuture<HttpResponse<String>> f = HTTP.sendAsync(HttpRequest.newBuilder(
                        URI.create(leader + "/v1/jobs")).timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(body.apply(i))).build(),
                        HttpResponse.BodyHandlers.ofString());
                f.whenComplete((r, e) -> inFlight.release());
                pending.add(f);
            }
            for (CompletableFuture<HttpResponse<String>> f : pending) {
                HttpResponse<String> r = f.get(60, TimeUnit.SECONDS);
                if (r.statusCode() != 201) {
                    throw new IllegalStateException("creating a job: " + r.statusCode() + " " + r.body());
                }
            }
        }

        @Override
        public void close() throws IOException {
            members.close();
            Scratch.deleteRecursively(dir);
        }
    }
}
