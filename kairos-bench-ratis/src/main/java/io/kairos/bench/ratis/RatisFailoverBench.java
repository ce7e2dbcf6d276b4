package io.kairos.bench.ratis;

import io.kairos.bench.harness.Entries;
import io.kairos.bench.harness.FailoverRounds;
import io.kairos.bench.harness.FailoverResult;
import io.kairos.bench.harness.MemberProcesses;
import io.kairos.bench.harness.Ports;
import io.kairos.bench.harness.RunnerMain;
import io.kairos.bench.harness.Scratch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.TimeDuration;

/**
 * Failover on Apache Ratis: three members, each in its own JVM; with the cluster idle, the
 * leader's JVM is killed ({@code Process.destroyForcibly}, i.e. SIGKILL) and the time is taken from
 * the kill until a write, retried by the Ratis client every {@link #RETRY_SLEEP_MILLIS} ms, is
 * acknowledged by another member. The killed member is restarted on its data directory before the
 * next round.
 *
 * <p>Usage: {@code RatisFailoverBench scratchDir [rounds [jsonFile]]} (default 10 rounds), or
 * {@code RatisFailoverBench member <index> <port,port,port> <dataRoot>} to run one member (the
 * former starts the latter).
 */
public final class RatisFailoverBench {

    static final long RETRY_SLEEP_MILLIS = 10;
    /** The cluster is left idle this long before each kill: two maximum election timeouts. */
    static final long IDLE_MILLIS = 2L * RatisMember.ELECTION_TIMEOUT_MAX_MILLIS;

    private RatisFailoverBench() {}

    public static void main(String[] args) {
        RunnerMain.failover(args, (index, ports, dataRoot) -> RatisMember.start(RatisMember.group(ports), index, dataRoot,
                new KeyValueStateMachine()), RatisFailoverBench::run);
    }

    static FailoverResult run(Path scratch, int rounds) throws Exception {
        Scratch.deleteRecursively(scratch);
        Files.createDirectories(scratch);
        int[] ports = Ports.free(3);
        RaftGroup group = RatisMember.group(ports);
        long[] failoverMillis;
        try (MemberProcesses members = new MemberProcesses(RatisFailoverBench.class.getName(), ports, scratch);
                RaftClient client = RaftClient.newBuilder()
                        .setProperties(RatisMember.properties())
                        .setRaftGroup(group)
                        .setRetryPolicy(RetryPolicies.retryForeverWithSleep(
                                TimeDuration.valueOf(RETRY_SLEEP_MILLIS, TimeUnit.MILLISECONDS)))
                        .build()) {
            failoverMillis = FailoverRounds.run(members, new FailoverRounds.Client() {
                @Override
                public void put(long sequence) throws Exception {
                    RatisFailoverBench.put(client, sequence);
                }

                @Override
                public int leaderIndex() {
                    // Members are named n0, n1, n2 after their index.
                    return Integer.parseInt(client.getLeaderId().toString().substring(1));
                }
            }, rounds, IDLE_MILLIS);
        } finally {
            Scratch.deleteRecursively(scratch);
        }
        return new FailoverResult(RatisPutBench.SYSTEM, RatisPutBench.version(), RatisMember.SETTINGS, failoverMillis);
    }

    private static void put(RaftClient client, long sequence) throws Exception {
        RaftClientReply reply = client.io().send(Message.valueOf(ByteString.copyFrom(Entries.command(sequence))));
        if (!reply.isSuccess()) {
            throw new IllegalStateException("write " + sequence + " failed", reply.getException());
        }
    }
}
