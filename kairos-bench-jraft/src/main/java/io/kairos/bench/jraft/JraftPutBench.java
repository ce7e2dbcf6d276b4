package io.kairos.bench.jraft;

import io.kairos.bench.harness.BenchArgs;
import io.kairos.bench.harness.Entries;
import io.kairos.bench.harness.KeyValueMap;
import io.kairos.bench.harness.Ports;
import io.kairos.bench.harness.RunnerMain;
import io.kairos.bench.harness.PutWorkload;
import io.kairos.bench.harness.Scratch;
import io.kairos.bench.harness.W1Result;
import com.alipay.sofa.jraft.entity.PeerId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * W1 replicated put on SOFAJRaft: three members in this JVM, each with its own data directory and
 * its own port on 127.0.0.1, RocksDB log writes synced on every member; a bolt client that finds
 * the leader keeps {@code concurrency} writes outstanding; after the run every member's map must
 * hold exactly the acknowledged writes.
 *
 * <p>Usage: {@code JraftPutBench scratchDir [concurrency [warmupSeconds [measureSeconds [jsonFile]]]]};
 * needs the {@code --add-opens} flags in this module's README. The JSON object is the last line of
 * stdout (and written to {@code jsonFile} if given).
 */
public final class JraftPutBench {

    static final String SYSTEM = "sofajraft";
    private static final Duration APPLY_TIMEOUT = Duration.ofSeconds(30);

    private JraftPutBench() {}

    public static void main(String[] args) {
        RunnerMain.w1(args, JraftPutBench::run);
    }

    static W1Result run(BenchArgs args) throws Exception {
        Scratch.deleteRecursively(args.scratch());
        Files.createDirectories(args.scratch());
        List<PeerId> peers = JraftMember.peers(Ports.free(3));
        List<JraftMember> members = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                members.add(JraftMember.start(peers, i, args.scratch()));
            }
            PutWorkload.Result run;
            try (JraftClient client = new JraftClient(peers)) {
                run = PutWorkload.run(sequence -> client.put(Entries.command(sequence)), args.concurrency(),
                        args.warmup(), args.measure());
            }
            String mismatch = check(run, members);
            return new W1Result(SYSTEM, version(), JraftMember.SETTINGS, args.concurrency(), run, mismatch == null,
                    mismatch == null ? "each of 3 members holds exactly the " + run.acknowledged().size()
                            + " acknowledged writes with their values" : mismatch);
        } finally {
            for (JraftMember member : members) {
                member.shutdown();
            }
            Scratch.deleteRecursively(args.scratch());
        }
    }

    /** Null when every member holds exactly the acknowledged writes, else what differs. */
    static String check(PutWorkload.Result run, List<JraftMember> members) throws InterruptedException {
        if (!run.drained()) {
            return "writes still outstanding after the drain timeout";
        }
        if (run.acknowledged().isEmpty()) {
            return "no write was acknowledged";
        }
        for (int i = 0; i < members.size(); i++) {
            KeyValueMap map = members.get(i).map();
            map.awaitSize(run.acknowledged().size(), APPLY_TIMEOUT);
            String mismatch = map.mismatch(run.acknowledged());
            if (mismatch != null) {
                return "member n" + i + ": " + mismatch;
            }
        }
        return null;
    }

    static String version() throws IOException {
        try (InputStream in = PeerId.class.getResourceAsStream("/META-INF/maven/com.alipay.sofa/jraft-core/pom.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        }
    }
}
