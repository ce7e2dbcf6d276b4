package io.kairos.raft;

/**
 * Volatile facts the application may want to observe (not persisted).
 *
 * @param role the node's role
 * @param leader the leader the node knows of in its term, or {@code null}
 * @param term the current term
 * @param membership the membership the node currently acts on
 */
public record SoftState(Role role, NodeId leader, long term, Membership membership) {
}
