package io.kairos.bench.kairos;

import io.kairos.bench.harness.BenchArgs;
import io.kairos.bench.harness.Entries;
import io.kairos.bench.harness.Ports;
import io.kairos.bench.harness.PutWorkload;
import io.kairos.bench.harness.RunnerMain;
import io.kairos.bench.harness.Scratch;
import io.kairos.bench.harness.W1Result;
import io.kairos.raft.Role;
import io.kairos.server.KairosServer;
import io.kairos.server.config.ServerConfig;
import io.kairos.server.kv.KvCommand;
import io.kairos.server.kv.KvStateMachine;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A diagnostic, not a comparison: W1's writes proposed straight into the leader's event loop, in
 * its JVM, without the client, HTTP or the API. Set against {@link KairosPutBench} it shows what
 * the consensus path (event loop, storage with its fsyncs, transport, applier) sustains, and so
 * how much of W1's time the client and API take.
 *
 * <p>Usage as {@link KairosPutBench}; the JSON's system is {@code kairos-loop}.
 */
public final class KairosLoopBench {

    private KairosLoopBench() {}

    public static void main(String[] args) {
        RunnerMain.w1(args, KairosLoopBench::run);
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
            KairosServer leader = awaitLeader(servers);
            PutWorkload.Result run = PutWorkload.run(sequence -> leader.loop().propose(new KvCommand(KvCommand.Op.PUT,
                    0, 0, KairosMember.key(Entries.key(sequence)), Entries.value(sequence)).encode()),
                    args.concurrency(), args.warmup(), args.measure());
            String mismatch = KairosPutBench.check(run, servers, maps);
            Map<String, String> settings = new LinkedHashMap<>(KairosMember.SETTINGS);
            settings.put("client", "none: proposals straight into the leader's event loop, in its JVM");
            return new W1Result("kairos-loop", KairosMember.version(), settings, args.concurrency(), run,
                    mismatch == null, mismatch == null ? "each of 3 members holds exactly the "
                            + run.acknowledged().size() + " acknowledged writes with their values" : mismatch);
        } finally {
            servers.forEach(KairosServer::close);
            Scratch.deleteRecursively(args.scratch());
        }
    }

    private static KairosServer awaitLeader(List<KairosServer> servers) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            for (KairosServer s : servers) {
                if (s.loop().status().get(5, TimeUnit.SECONDS).role() == Role.LEADER) {
                    return s;
                }
            }
            Thread.onSpinWait();
        }
        throw new IllegalStateException("no leader within 30 s");
    }
}
