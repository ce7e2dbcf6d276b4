package io.kairos.bench.kairos;

import io.kairos.bench.harness.BenchArgs;
import io.kairos.bench.harness.Entries;
import io.kairos.bench.harness.RunnerMain;
import io.kairos.bench.harness.PutWorkload;
import io.kairos.bench.harness.W1Result;
import io.kairos.client.KairosClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

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

    private KairosPutBench() {}

    public static void main(String[] args) {
        RunnerMain.w1(args, KairosPutBench::run);
    }

    static W1Result run(BenchArgs args) throws Exception {
        try (LocalMasters masters = LocalMasters.start(args.scratch())) {
            PutWorkload.Result run;
            try (KairosClient client = KairosClient.builder().masters(masters.apiUris())
                    .maxInFlightWrites(Math.max(1, args.concurrency())).deadline(Duration.ofSeconds(60))
                    .backoff(Duration.ofMillis(10), Duration.ofMillis(10)).build()) {
                run = PutWorkload.run(sequence -> put(client, sequence), args.concurrency(), args.warmup(),
                        args.measure());
            }
            String mismatch = masters.check(run);
            return new W1Result(SYSTEM, KairosMember.version(), KairosMember.SETTINGS, args.concurrency(), run,
                    mismatch == null, masters.verification(run, mismatch));
        }
    }

    private static CompletableFuture<?> put(KairosClient client, long sequence) {
        return client.putAsync(KairosMember.key(Entries.key(sequence)), Entries.value(sequence));
    }
}
