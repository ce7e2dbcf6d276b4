package io.kairos.bench.jraft;

import io.kairos.bench.harness.Entries;
import io.kairos.bench.harness.FailoverRounds;
import io.kairos.bench.harness.FailoverResult;
import io.kairos.bench.harness.MemberProcesses;
import io.kairos.bench.harness.Ports;
import io.kairos.bench.harness.RunnerMain;
import io.kairos.bench.harness.Scratch;
import com.alipay.sofa.jraft.entity.PeerId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Failover on SOFAJRaft: three members, each in its own JVM; with the cluster idle, the leader's
 * JVM is killed ({@code Process.destroyForcibly}, i.e. SIGKILL) and the time is taken from the kill
 * until a write, retried by the client every {@link JraftClient#RETRY_DELAY_MILLIS} ms, is
 * acknowledged by another member. The killed member is restarted on its data directory before the
 * next round.
 *
 * <p>Usage: {@code JraftFailoverBench scratchDir [rounds [jsonFile]]} (default 10 rounds), or
 * {@code JraftFailoverBench member <index> <port,port,port> <dataRoot>} to run one member (the
 * former starts the latter with this JVM's flags, so pass the {@code --add-opens} flags to it).
 */
public final class JraftFailoverBench {

    /** The cluster is left idle this long before each kill: two maximum election timeouts. */
    static final long IDLE_MILLIS = 2L * (JraftMember.ELECTION_TIMEOUT_MILLIS + JraftMember.MAX_ELECTION_DELAY_MILLIS);
    static final long WRITE_TIMEOUT_SECONDS = 60;

    private JraftFailoverBench() {}

    public static void main(String[] args) {
        RunnerMain.failover(args, (index, ports, dataRoot) -> {
            JraftMember member = JraftMember.start(JraftMember.peers(ports), index, dataRoot);
            return member::shutdown;
        }, JraftFailoverBench::run);
    }

    static FailoverResult run(Path scratch, int rounds) throws Exception {
        Scratch.deleteRecursively(scratch);
        Files.createDirectories(scratch);
        int[] ports = Ports.free(3);
        List<PeerId> peers = JraftMember.peers(ports);
        long[] failoverMillis;
        try (MemberProcesses members = new MemberProcesses(JraftFailoverBench.class.getName(), ports, scratch);
                JraftClient client = new JraftClient(peers)) {
            failoverMillis = FailoverRounds.run(members, new FailoverRounds.Client() {
                @Override
                public void put(long sequence) throws Exception {
                    JraftFailoverBench.put(client, sequence);
                }

                @Override
                public int leaderIndex() {
                    return indexOf(ports, client.answeredBy().getPort());
                }
            }, rounds, IDLE_MILLIS);
        } finally {
            Scratch.deleteRecursively(scratch);
        }
        return new FailoverResult(JraftPutBench.SYSTEM, JraftPutBench.version(), JraftMember.SETTINGS, failoverMillis);
    }

    private static void put(JraftClient client, long sequence) throws Exception {
        client.put(Entries.command(sequence)).get(WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private static int indexOf(int[] ports, int port) {
        for (int i = 0; i < ports.length; i++) {
            if (ports[i] == port) {
                return i;
            }
        }
        throw new IllegalStateException("port " + port + " is no member's");
    }
}
