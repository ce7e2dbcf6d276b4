package io.kairos.bench.ratis;

import io.kairos.bench.harness.BenchArgs;
import io.kairos.bench.harness.Entries;
import io.kairos.bench.harness.KeyValueMap;
import io.kairos.bench.harness.Ports;
import io.kairos.bench.harness.RunnerMain;
import io.kairos.bench.harness.PutWorkload;
import io.kairos.bench.harness.Scratch;
import io.kairos.bench.harness.W1Result;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.VersionInfo;

/**
 * W1 replicated put on Apache Ratis: three members in this JVM, each with its own data directory
 * and its own port on 127.0.0.1, fsync before commit on every member; a Ratis async client (which
 * finds the leader itself) keeps {@code concurrency} writes outstanding; after the run every
 * member's map must hold exactly the acknowledged writes.
 *
 * <p>Usage: {@code RatisPutBench scratchDir [concurrency [warmupSeconds [measureSeconds [jsonFile]]]]}.
 * The JSON object is the last line of stdout (and written to {@code jsonFile} if given).
 */
public final class RatisPutBench {

    static final String SYSTEM = "ratis";
    private static final Duration APPLY_TIMEOUT = Duration.ofSeconds(30);

    private RatisPutBench() {}

    public static void main(String[] args) {
        RunnerMain.w1(args, RatisPutBench::run);
    }

    static W1Result run(BenchArgs args) throws Exception {
        Scratch.deleteRecursively(args.scratch());
        Files.createDirectories(args.scratch());
        RaftGroup group = RatisMember.group(Ports.free(3));
        List<RaftServer> servers = new ArrayList<>();
        List<KeyValueStateMachine> stateMachines = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                KeyValueStateMachine stateMachine = new KeyValueStateMachine();
                stateMachines.add(stateMachine);
                servers.add(RatisMember.start(group, i, args.scratch(), stateMachine));
            }
            PutWorkload.Result run;
            try (RaftClient client = RaftClient.newBuilder()
                    .setProperties(RatisMember.properties())
                    .setRaftGroup(group)
                    .build()) {
                run = PutWorkload.run(sequence -> put(client, sequence), args.concurrency(), args.warmup(),
                        args.measure());
            }
            String mismatch = check(run, stateMachines);
            return new W1Result(SYSTEM, version(), RatisMember.SETTINGS, args.concurrency(), run, mismatch == null,
                    mismatch == null ? "each of 3 members holds exactly the " + run.acknowledged().size()
                            + " acknowledged writes with their values" : mismatch);
        } finally {
            for (RaftServer server : servers) {
                server.close();
            }
            Scratch.deleteRecursively(args.scratch());
        }
    }

    private static CompletableFuture<?> put(RaftClient client, long sequence) {
        return client.async().send(Message.valueOf(ByteString.copyFrom(Entries.command(sequence))))
                .thenApply(reply -> {
                    if (!reply.isSuccess()) {
                        throw new CompletionException(reply.getException());
                    }
                    return reply;
                });
    }

    /** Null when every member holds exactly the acknowledged writes, else what differs. */
    static String check(PutWorkload.Result run, List<KeyValueStateMachine> stateMachines) throws InterruptedException {
        if (!run.drained()) {
            return "writes still outstanding after the drain timeout";
        }
        if (run.acknowledged().isEmpty()) {
            return "no write was acknowledged";
        }
        for (int i = 0; i < stateMachines.size(); i++) {
            KeyValueMap map = stateMachines.get(i).map();
            map.awaitSize(run.acknowledged().size(), APPLY_TIMEOUT);
            String mismatch = map.mismatch(run.acknowledged());
            if (mismatch != null) {
                return "member n" + i + ": " + mismatch;
            }
        }
        return null;
    }

    static String version() {
        String version = VersionInfo.getSoftwareInfoVersion();
        return version == null ? "unknown" : version;
    }
}
