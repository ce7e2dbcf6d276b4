package io.kairos.bench.kairos;

import io.kairos.bench.harness.Entries;
import io.kairos.bench.harness.FailoverResult;
import io.kairos.bench.harness.MemberProcesses;
import io.kairos.bench.harness.Ports;
import io.kairos.bench.harness.RunnerMain;
import io.kairos.bench.harness.Scratch;
import io.kairos.client.ClusterStatus;
import io.kairos.client.KairosClient;
import io.kairos.server.kv.KvStateMachine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

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
                KairosMember.configs(ports, dataRoot).get(index), new KvStateMachine()), KairosFailoverBench::run);
    }

    static FailoverResult run(Path scratch, int rounds) throws Exception {
        Scratch.deleteRecursively(scratch);
        Files.createDirectories(scratch);
        int[] ports = Ports.free(6);
        long[] failoverMillis = new long[rounds];
        try (MemberProcesses members = new MemberProcesses(KairosFailoverBench.class.getName(), ports, scratch);
                KairosClient client = KairosClient.builder().masters(KairosMember.apiUris(ports))
                        .deadline(Duration.ofSeconds(60)).requestTimeout(Duration.ofSeconds(2))
                        .backoff(Duration.ofMillis(10), Duration.ofMillis(10)).build()) {
            for (int i = 0; i < 3; i++) {
                members.start(i);
            }
            long sequence = 0;
            put(client, sequence++);
            for (int round = 0; round < rounds; round++) {
                Thread.sleep(IDLE_MILLIS); // the workload: an idle cluster, not a wait for some state
                put(client, sequence++);
                int leader = leaderOf(client);
                long killed = System.nanoTime();
                members.kill(leader - 1);
                put(client, sequence++);
                failoverMillis[round] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
                int next = leaderOf(client);
                if (next == leader) {
                    throw new IllegalStateException("round " + round + ": the write was acknowledged by the killed leader n"
                            + leader);
                }
                System.err.printf("round %d: killed n%d, n%d acknowledged after %d ms%n", round, leader, next,
                        failoverMillis[round]);
                members.start(leader - 1);
            }
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
