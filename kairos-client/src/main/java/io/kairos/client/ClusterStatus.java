package io.kairos.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * One master's view of the cluster, as {@code GET /v1/cluster} reports it.
 *
 * @param node the answering master's id
 * @param role its Raft role ({@code LEADER}, {@code FOLLOWER}, {@code CANDIDATE}, ...)
 * @param term its current term
 * @param leader the leader it knows of in that term, or null
 * @param leaderUrl the leader's API base URL, or null
 * @param commitIndex the highest index it knows committed
 * @param appliedIndex the highest index it applied
 * @param lastIndex its last log index
 * @param snapshotIndex the index of its latest snapshot
 * @param lastLeaderChange when it last saw the leader change (ISO-8601 instant)
 * @param followers on the leader, each follower's progress; empty elsewhere
 * @param membership the configuration in effect
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClusterStatus(int node, String role, long term, Integer leader, String leaderUrl, long commitIndex,
        long appliedIndex, long lastIndex, long snapshotIndex, String lastLeaderChange, List<Follower> followers,
        Membership membership) {

    public ClusterStatus {
        followers = followers == null ? List.of() : List.copyOf(followers);
    }

    /** Whether the answering master is the leader. */
    public boolean isLeader() {
        return "LEADER".equals(role);
    }

    /** The leader's API base URL, if the answering master knows one. */
    public Optional<URI> leaderUri() {
        return leaderUrl == null ? Optional.empty() : Optional.of(URI.create(leaderUrl));
    }

    /**
     * @param node a follower's id
     * @param matchIndex the highest index known replicated on it
     * @param lag entries the leader holds that it does not
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Follower(int node, long matchIndex, long lag) {
    }

    /**
     * @param voters the voting members (the incoming ones during a joint change)
     * @param outgoingVoters during a joint change, the outgoing voters; empty otherwise
     * @param learners non-voting members
     * @param joint whether a membership change is under way
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Membership(List<Integer> voters, List<Integer> outgoingVoters, List<Integer> learners,
            boolean joint) {

        public Membership {
            voters = voters == null ? List.of() : List.copyOf(voters);
            outgoingVoters = outgoingVoters == null ? List.of() : List.copyOf(outgoingVoters);
            learners = learners == null ? List.of() : List.copyOf(learners);
        }
    }
}
