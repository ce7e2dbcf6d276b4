package io.kairos.bench.kairos;

import io.kairos.server.master.MasterStateMachine;
import io.kairos.bench.harness.Entries;
import io.kairos.bench.harness.FailoverRounds;
import io.kairos.bench.harness.FailoverResult;
import io.kairos.bench.harness.MemberProcesses;
import io.kairos.bench.harness.Ports;
import io.kairos.bench.harness.RunnerMain;
import io.kairos.bench.harness.Scratch;
import io.kairos.client.ClusterStatus;
import io.kairos.client.KairosClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Failover on Kairos: three masters, each in its own JVM; with the cluster idle, the leader's JVM
 * is killed ({@code Process.destroyForcibly}, i.e. SIGKILL) and the time is taken from the kill
 * until a write, retried by the Kairos client every 10 ms, is acknowledged by another member. The
 * killed member is restarted on its data directory before the next round.
 *
 * <p>Usage: {@code KairosFailoverBench scratchDir [rounds [jsonFile]]} (default 10 rounds), or
 * {@code KairosFailoverBench member <index> <six ports> <dataRoot>} to run one member (the former
 * starts the latter).
 */
public final class KairosFailoverBench {

    /** The cluster is left idle this long before each kill: two maximum election timeouts. */
    static final long IDLE_MILLIS = 2L * 2 * KairosMember.TIMING.electionTimeoutMillis();

    private KairosFailoverBench() {}

    public static void main(String[] args) {
        RunnerMain.failover(args, (index, ports, dataRoot) -> KairosMember.start(
                KairosMember.configs(ports, dataRoot).get(index), new MasterStateMachine()), KairosFailoverBench::run);
    }

    static FailoverResult run(Path scratch, int rounds) throws Exception {
        Scratch.deleteRecursively(scratch);
        Files.createDirectories(scratch);
        int[] ports = Ports.free(6);
        long[] failoverMillis;
        try (MemberProcesses members = new MemberProcesses(KairosFailoverBench.class.getName(), ports, scratch);
                KairosClient client = KairosClient.builder().masters(KairosMember.apiUris(ports))
                        .deadline(Duration.ofSeconds(60)).requestTimeout(Duration.ofSeconds(2))
                        .backoff(Duration.ofMillis(10), Duration.ofMillis(10)).build()) {
            failoverMillis = FailoverRounds.run(members, new FailoverRounds.Client() {
                @Override
                public void put(long sequence) {
                    KairosFailoverBench.put(client, sequence);
                }

                @Override
                public int leaderIndex() {
                    return leaderOf(client) - 1; // node n(i+1) is member i
                }
            }, rounds, IDLE_MILLIS);
        } finally {
            Scratch.deleteRecursively(scratch);
        }
        return new FailoverResult(KairosPutBench.SYSTEM, KairosMember.version(), KairosMember.SETTINGS, failoverMillis);
    }

    private static int leaderOf(KairosClient client) {
        ClusterStatus status = client.cluster();
        if (status.leader() == null) {
            throw new IllegalStateException("no leader known right after an acknowledged write: " + status);
        }
        return status.leader();
    }

    private static void put(KairosClient client, long sequence) {
        client.put(KairosMember.key(Entries.key(sequence)), Entries.value(sequence));
    }
}
