package io.kairos.server.config;

/**
 * The Raft clock of a master.
 *
 * @param tickMillis wall time of one Raft tick
 * @param electionTicks election timeout in ticks (randomised by the core between this and twice it)
 * @param heartbeatTicks the leader's heartbeat interval in ticks
 */
public record Timing(int tickMillis, int electionTicks, int heartbeatTicks) {

    /** 100 ms ticks, elections after 1-2 s of silence, heartbeats every 100 ms. */
    public static final Timing DEFAULT = new Timing(100, 10, 1);

    public Timing {
        if (tickMillis < 1 || tickMillis > 10_000) {
            throw new IllegalArgumentException("tick-ms must be in [1, 10000], got " + tickMillis);
        }
        if (heartbeatTicks < 1) {
            throw new IllegalArgumentException("heartbeat-ticks must be >= 1, got " + heartbeatTicks);
        }
        if (electionTicks <= 2 * heartbeatTicks) {
            throw new IllegalArgumentException("election-ticks (" + electionTicks + ") must exceed twice heartbeat-ticks ("
                    + heartbeatTicks + "), or a follower would call elections between two heartbeats");
        }
    }

    public long electionTimeoutMillis() {
        return (long) electionTicks * tickMillis;
    }
}
