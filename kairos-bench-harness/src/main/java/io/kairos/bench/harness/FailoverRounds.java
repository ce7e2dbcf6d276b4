package io.kairos.bench.harness;

import java.util.concurrent.TimeUnit;

/**
 * The failover workload's rounds, the same for every system: start the three members, write once,
 * then per round leave the cluster idle, write (which tells who leads), kill the leader's JVM with
 * SIGKILL, time until the next write (retried by the system's client) is acknowledged by another
 * member, and restart the killed member on its data directory.
 */
public final class FailoverRounds {

    /** The system's client, as the rounds need it. */
    public interface Client {
        /** Writes entry {@code sequence} and returns once it is acknowledged (the client retries). */
        void put(long sequence) throws Exception;

        /** The index (0-2) of the member that acknowledged the last write. */
        int leaderIndex() throws Exception;
    }

    private FailoverRounds() {}

    /** Returns each round's milliseconds from the kill to the acknowledgement. */
    public static long[] run(MemberProcesses members, Client client, int rounds, long idleMillis) throws Exception {
        long[] failoverMillis = new long[rounds];
        for (int i = 0; i < 3; i++) {
            members.start(i);
        }
        long sequence = 0;
        client.put(sequence++);
        for (int round = 0; round < rounds; round++) {
            Thread.sleep(idleMillis); // the workload: an idle cluster, not a wait for some state
            client.put(sequence++);
            int leader = client.leaderIndex();
            long killed = System.nanoTime();
            members.kill(leader);
            client.put(sequence++);
            failoverMillis[round] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
            int next = client.leaderIndex();
            if (next == leader) {
                throw new IllegalStateException("round " + round + ": the write was acknowledged by the killed leader n"
                        + leader);
            }
            System.err.printf("round %d: killed n%d, n%d acknowledged after %d ms%n", round, leader, next,
                    failoverMillis[round]);
            members.start(leader);
        }
        return failoverMillis;
    }
}
