package io.kairos.raft;

import java.util.Random;

/**
 * Tunables of one node. Time is counted in ticks: the application calls {@link RaftNode#tick()} at
 * a fixed interval (say 10 ms), and every timeout here is a number of those ticks.
 *
 * @param id this node's id
 * @param electionTimeoutTicks the minimum election timeout; each node waits a random time in
 *     {@code [electionTimeoutTicks, 2 * electionTimeoutTicks)} before campaigning
 * @param heartbeatTicks how often a leader sends heartbeats; well below the election timeout
 * @param maxEntriesPerMessage at most this many entries in one append request
 * @param maxBytesPerMessage at most this many entry bytes in one append request (one entry always fits)
 * @param maxInflightMessages append requests a leader keeps unacknowledged per follower before it
 *     waits (back-pressure of the replication pipeline)
 * @param maxUncommittedEntries proposals beyond this many uncommitted entries are refused as busy
 * @param preVote whether to poll with a pre-vote before starting an election (thesis §9.6)
 * @param checkQuorum whether a leader steps down when it has not heard from a quorum within an
 *     election timeout (thesis §6.2)
 * @param leaseDriftMarginTicks the lease is {@code electionTimeoutTicks - leaseDriftMarginTicks}
 *     from the send time of the heartbeat a quorum acknowledged; the margin absorbs clock drift
 *     between nodes. Lease reads are only offered with check-quorum on.
 * @param random the only source of randomness the node uses; seed it for reproducibility
 */
public record RaftConfig(
        NodeId id,
        int electionTimeoutTicks,
        int heartbeatTicks,
        int maxEntriesPerMessage,
        long maxBytesPerMessage,
        int maxInflightMessages,
        int maxUncommittedEntries,
        boolean preVote,
        boolean checkQuorum,
        int leaseDriftMarginTicks,
        Random random) {

    public RaftConfig {
        if (id == null || random == null) {
            throw new IllegalArgumentException("id and random must be set");
        }
        if (heartbeatTicks < 1 || electionTimeoutTicks <= heartbeatTicks) {
            throw new IllegalArgumentException("need 1 <= heartbeatTicks < electionTimeoutTicks, got "
                    + heartbeatTicks + " and " + electionTimeoutTicks);
        }
        if (maxEntriesPerMessage < 1 || maxBytesPerMessage < 1 || maxInflightMessages < 1 || maxUncommittedEntries < 1) {
            throw new IllegalArgumentException("batching and back-pressure limits must be >= 1");
        }
        if (leaseDriftMarginTicks < 0 || leaseDriftMarginTicks >= electionTimeoutTicks) {
            throw new IllegalArgumentException("need 0 <= leaseDriftMarginTicks < electionTimeoutTicks, got "
                    + leaseDriftMarginTicks);
        }
    }

    /** The lease a quorum's heartbeat acknowledgement grants, in ticks from the heartbeat's send. */
    public int leaseTicks() {
        return electionTimeoutTicks - leaseDriftMarginTicks;
    }

    /** Defaults for a node ticked every 10 ms: 1 s election timeout, 100 ms heartbeats. */
    public static Builder builder(NodeId id, Random random) {
        return new Builder(id, random);
    }

    public Builder toBuilder() {
        return new Builder(id, random).electionTimeoutTicks(electionTimeoutTicks).heartbeatTicks(heartbeatTicks)
                .maxEntriesPerMessage(maxEntriesPerMessage).maxBytesPerMessage(maxBytesPerMessage)
                .maxInflightMessages(maxInflightMessages).maxUncommittedEntries(maxUncommittedEntries)
                .preVote(preVote).checkQuorum(checkQuorum).leaseDriftMarginTicks(leaseDriftMarginTicks);
    }

    /** Builds a {@link RaftConfig}; every setting starts at a sensible default. */
    public static final class Builder {
        private final NodeId id;
        private final Random random;
        private int electionTimeoutTicks = 100;
        private int heartbeatTicks = 10;
        private int maxEntriesPerMessage = 256;
        private long maxBytesPerMessage = 1 << 20;
        private int maxInflightMessages = 64;
        private int maxUncommittedEntries = 10_000;
        private boolean preVote = true;
        private boolean checkQuorum = true;
        private int leaseDriftMarginTicks = 10;

        private Builder(NodeId id, Random random) {
            this.id = id;
            this.random = random;
        }

        public Builder electionTimeoutTicks(int v) { electionTimeoutTicks = v; return this; }
        public Builder heartbeatTicks(int v) { heartbeatTicks = v; return this; }
        public Builder maxEntriesPerMessage(int v) { maxEntriesPerMessage = v; return this; }
        public Builder maxBytesPerMessage(long v) { maxBytesPerMessage = v; return this; }
        public Builder maxInflightMessages(int v) { maxInflightMessages = v; return this; }
        public Builder maxUncommittedEntries(int v) { maxUncommittedEntries = v; return this; }
        public Builder preVote(boolean v) { preVote = v; return this; }
        public Builder checkQuorum(boolean v) { checkQuorum = v; return this; }
        public Builder leaseDriftMarginTicks(int v) { leaseDriftMarginTicks = v; return this; }

        public RaftConfig build() {
            return new RaftConfig(id, electionTimeoutTicks, heartbeatTicks, maxEntriesPerMessage, maxBytesPerMessage,
                    maxInflightMessages, maxUncommittedEntries, preVote, checkQuorum, leaseDriftMarginTicks, random);
        }
    }
}
