package io.kairos.sim.client;

/**
 * How clients behave.
 *
 * @param clients how many clients run concurrently
 * @param keys how many keys they share (few, so that operations conflict)
 * @param minThinkMicros the shortest pause between two operations of a client
 * @param maxThinkMicros the longest pause
 * @param minAttemptTimeoutMicros how long a client waits on one node before trying another, at
 *     least; each client draws its own timeout up to {@code maxAttemptTimeoutMicros}
 * @param maxAttemptTimeoutMicros see above
 * @param giveUpAfterMicros how long after the call a client abandons an operation (outcome unknown);
 *     not after the final heal, when every operation must complete
 * @param opsAfterHeal operations each client completes after the final heal before it stops
 * @param readShare the share of operations that are reads
 */
public record ClientSettings(int clients, int keys, long minThinkMicros, long maxThinkMicros,
        long minAttemptTimeoutMicros, long maxAttemptTimeoutMicros, long giveUpAfterMicros, int opsAfterHeal, double readShare) {

    public static ClientSettings defaults() {
        return new ClientSettings(5, 4, 20_000, 300_000, 150_000, 600_000, 5_000_000, 3, 0.35);
    }
}
