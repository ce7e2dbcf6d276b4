package io.kairos.raft;

/**
 * A read request that is now safe to serve: once the application has applied up to
 * {@code readIndex}, a read of its state is linearizable (thesis §6.4).
 *
 * @param requestId the id the application gave {@link RaftNode#read(long)}
 * @param readIndex the commit index the leader confirmed as current
 */
public record ReadState(long requestId, long readIndex) {
}
