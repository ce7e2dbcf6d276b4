package io.kairos.raft;

import java.util.Set;
import java.util.TreeSet;

/**
 * A cluster configuration. In a joint configuration (Raft §6, thesis §4.3) decisions need a majority
 * of {@code voters} and, separately, a majority of {@code outgoingVoters}. Learners receive the log
 * but never vote and never count towards a quorum.
 *
 * @param voters the (incoming) voting members; never empty
 * @param outgoingVoters the previous voters while the configuration is joint, otherwise empty
 * @param learners non-voting members; disjoint from both voter sets
 */
public record Membership(Set<NodeId> voters, Set<NodeId> outgoingVoters, Set<NodeId> learners) {

    public Membership {
        voters = Set.copyOf(new TreeSet<>(voters));
        outgoingVoters = Set.copyOf(outgoingVoters);
        learners = Set.copyOf(learners);
        if (voters.isEmpty()) {
            throw new IllegalArgumentException("a membership needs at least one voter");
        }
        for (NodeId learner : learners) {
            if (voters.contains(learner) || outgoingVoters.contains(learner)) {
                throw new IllegalArgumentException(learner + " cannot be both a learner and a voter in " + voters
                        + " / " + outgoingVoters);
            }
        }
    }

    /** A plain (non-joint) configuration with the given voters and no learners. */
    public static Membership ofVoters(NodeId... voters) {
        return new Membership(Set.of(voters), Set.of(), Set.of());
    }

    public static Membership of(Set<NodeId> voters, Set<NodeId> learners) {
        return new Membership(voters, Set.of(), learners);
    }

    public boolean isJoint() {
        return !outgoingVoters.isEmpty();
    }

    /** Whether the node votes in this configuration (in either half of a joint one). */
    public boolean isVoter(NodeId id) {
        return voters.contains(id) || outgoingVoters.contains(id);
    }

    public boolean isLearner(NodeId id) {
        return learners.contains(id);
    }

    public boolean contains(NodeId id) {
        return isVoter(id) || isLearner(id);
    }

    /** Every member: voters of both halves and learners, in id order. */
    public Set<NodeId> members() {
        TreeSet<NodeId> all = new TreeSet<>(voters);
        all.addAll(outgoingVoters);
        all.addAll(learners);
        return all;
    }

    public int size() {
        return members().size();
    }

    /** The joint configuration that moves from this (non-joint) configuration to {@code target}. */
    public Membership enterJoint(Membership target) {
        if (isJoint() || target.isJoint()) {
            throw new IllegalStateException("cannot enter a joint configuration from " + this + " to " + target);
        }
        return new Membership(target.voters, voters, target.learners);
    }

    /** The incoming half of a joint configuration, which the leader proposes once the joint one committed. */
    public Membership leaveJoint() {
        return new Membership(voters, Set.of(), learners);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("voters=").append(new TreeSet<>(voters));
        if (isJoint()) {
            s.append("&").append(new TreeSet<>(outgoingVoters));
        }
        if (!learners.isEmpty()) {
            s.append(" learners=").append(new TreeSet<>(learners));
        }
        return s.toString();
    }
}
