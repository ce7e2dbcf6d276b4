package io.kairos.bench.kairos;

import io.kairos.bench.harness.BenchArgs;
import io.kairos.bench.harness.Entries;
import io.kairos.bench.harness.PutWorkload;
import io.kairos.bench.harness.RunnerMain;
import io.kairos.bench.harness.W1Result;
import io.kairos.server.KairosServer;
import io.kairos.server.kv.KvCommand;
import io.kairos.server.master.MasterStateMachine;
import java.util.LinkedHashMap;
import java.util.Map;

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
        try (LocalMasters masters = LocalMasters.start(args.scratch())) {
            KairosServer leader = masters.awaitLeader();
            PutWorkload.Result run = PutWorkload.run(sequence -> leader.loop().propose(MasterStateMachine.kv(new KvCommand(
                    KvCommand.Op.PUT, 0, 0, KairosMember.key(Entries.key(sequence)), Entries.value(sequence)).encode())),
                    args.concurrency(), args.warmup(), args.measure());
            String mismatch = masters.check(run);
            Map<String, String> settings = new LinkedHashMap<>(KairosMember.SETTINGS);
            settings.put("client", "none: proposals straight into the leader's event loop, in its JVM");
            return new W1Result("kairos-loop", KairosMember.version(), settings, args.concurrency(), run,
                    mismatch == null, masters.verification(run, mismatch));
        }
    }
}
