package io.kairos.bench.kairos;

import io.kairos.bench.harness.BenchArgs;
import io.kairos.bench.harness.Entries;
import io.kairos.bench.harness.Ports;
import io.kairos.bench.harness.RunnerMain;
import io.kairos.bench.harness.PutWorkload;
import io.kairos.bench.harness.Scratch;
import io.kairos.bench.harness.W1Result;
import io.kairos.client.KairosClient;
import io.kairos.server.KairosServer;
import io.kairos.server.config.ServerConfig;
import io.kairos.server.kv.KvStateMachine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * W1 replicated put on Kairos: three masters in this JVM, each with its own data directory, peer
 * port and API port on 127.0.0.1, fsync before commit on every member; the Kairos Java client keeps
 * {@code concurrency} writes outstanding (it finds the leader itself); after the run every member's
 * map must hold exactly the acknowledged writes, each with its value.
 *
 * <p>Usage: {@code KairosPutBench scratchDir [concurrency [warmupSeconds [measureSeconds [jsonFile]]]]}.
 * The JSON object is the last line of stdout (and written to {@code jsonFile} if given).
 */
public final class KairosPutBench {

    static final String SYSTEM = "kairos";
    private static final Duration APPLY_TIMEOUT = Duration.ofSeconds(60);

    private KairosPutBench() {}

    public static void main(String[] args) {
        RunnerMain.w1(args, KairosPutBench::run);
    }

    static W1Result run(BenchArgs args) throws Exception {
        Scratch.deleteRecursively(args.scratch());
        Files.createDirectories(args.scratch());
        int[] ports = Ports.free(6);
        List<KairosServer> servers = new ArrayList<>();
        List<KvStateMachine> maps = new ArrayList<>();
        try {
            for (ServerConfig config : KairosMember.configs(ports, args.scratch())) {
                KvStateMachine map = new KvStateMachine();
                maps.add(map);
                servers.add(KairosMember.start(config, map));
            }
            PutWorkload.Result run;
            try (KairosClient client = KairosClient.builder().masters(KairosMember.apiUris(ports))
                    .maxInFlightWrites(Math.max(1, args.concurrency())).deadline(Duration.ofSeconds(60))
                    .backoff(Duration.ofMillis(10), Duration.ofMillis(10)).build()) {
                run = PutWorkload.run(sequence -> put(client, sequence), args.concurrency(), args.warmup(),
                        args.measure());
            }
            String mismatch = check(run, servers, maps);
            return new W1Result(SYSTEM, KairosMember.version(), KairosMember.SETTINGS, args.concurrency(), run,
                    mismatch == null, mismatch == null ? "each of 3 members holds exactly the "
                            + run.acknowledged().size() + " acknowledged writes with their values" : mismatch);
        } finally {
            servers.forEach(KairosServer::close);
            Scratch.deleteRecursively(args.scratch());
        }
    }

    private static CompletableFuture<?> put(KairosClient client, long sequence) {
        return client.putAsync(KairosMember.key(Entries.key(sequence)), Entries.value(sequence));
    }

    /**
     * Null when every member holds exactly the acknowledged writes, else what differs. Each member
     * is read through its applier (a stale read), after it has applied everything committed.
     */
    static String check(PutWorkload.Result run, List<KairosServer> servers, List<KvStateMachine> maps)
            throws Exception {
        if (!run.drained()) {
            return "writes still outstanding after the drain timeout";
        }
        if (run.acknowledged().isEmpty()) {
            return "no write was acknowledged";
        }
        long committed = 0;
        for (KairosServer server : servers) {
            committed = Math.max(committed, server.loop().status().get(10, TimeUnit.SECONDS).commitIndex());
        }
        for (int i = 0; i < servers.size(); i++) {
            KairosServer server = servers.get(i);
            long deadline = System.nanoTime() + APPLY_TIMEOUT.toNanos();
            while (server.loop().status().get(10, TimeUnit.SECONDS).appliedIndex() < committed) {
                if (System.nanoTime() > deadline) {
                    return server.nodeId() + " did not apply up to " + committed + " within " + APPLY_TIMEOUT;
                }
                Thread.onSpinWait();
            }
            // The reads below run on the member's applier thread, so its map is safely seen after them.
            for (long sequence : run.acknowledged()) {
                byte[] value = server.loop().staleRead(KairosMember.key(Entries.key(sequence))
                        .getBytes(StandardCharsets.UTF_8)).get(10, TimeUnit.SECONDS);
                if (value == null) {
                    return server.nodeId() + ": acknowledged write " + sequence + " missing";
                }
                if (!Arrays.equals(value, Entries.value(sequence))) {
                    return server.nodeId() + ": acknowledged write " + sequence + " has another value";
                }
            }
            if (maps.get(i).size() != run.acknowledged().size()) {
                return server.nodeId() + ": " + maps.get(i).size() + " keys applied, " + run.acknowledged().size()
                        + " writes acknowledged";
            }
        }
        return null;
    }
}
