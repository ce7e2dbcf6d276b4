package io.kairos.raft;

import io.kairos.raft.message.AppendRequest;
import io.kairos.raft.message.AppendResponse;
import io.kairos.raft.message.Heartbeat;
import io.kairos.raft.message.HeartbeatResponse;
import io.kairos.raft.message.InstallSnapshot;
import io.kairos.raft.message.Message;
import io.kairos.raft.message.ReadIndexRequest;
import io.kairos.raft.message.ReadIndexResponse;
import io.kairos.raft.message.TimeoutNow;
import io.kairos.raft.message.VoteRequest;
import io.kairos.raft.message.VoteResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One Raft member as a pure, deterministic state machine. Time enters only through {@link #tick()},
 * messages through {@link #step(Message)}, commands through {@link #propose(byte[])}; the node
 * answers with a {@link Ready} that the application persists, sends and applies before calling
 * {@link #advance(Ready)}. Randomness comes only from the configured {@code Random}. Not thread-safe:
 * one thread owns a node.
 *
 * <p>Roles and their doors ({@code becomeX} are the only transitions):
 * <pre>
 *   follower --election timeout--> pre-candidate --pre-vote quorum--> candidate --vote quorum--> leader
 *   any role --higher term seen--> follower;   (pre-)candidate --lost--> follower
 *   leader --no quorum heard for an election timeout (check-quorum), or removed--> follower
 *   follower --TimeoutNow--> candidate (skipping the pre-vote)
 * </pre>
 *
 * <p>This class is the orchestrator: term rules and role transitions live here; elections, the
 * follower's log handling, the leader's replication, reads and membership each have their class.
 */
public final class RaftNode {

    final RaftConfig config;
    final NodeId id;
    final RaftLog log;
    private final Terms terms;
    private final Elections elections;
    private final Following following;
    private final Replication replication;
    private final Reads reads;
    private final Reconfiguration reconfiguration;

    /** Latest term seen. Invariant: never decreases; persisted before any message that depends on it. */
    long term;
    /** Candidate granted our vote in {@link #term}, or null. */
    NodeId votedFor;
    /** Leader of {@link #term} as far as we know, or null. */
    NodeId leader;
    Role role = Role.FOLLOWER;
    /** Votes of the running (pre-)campaign; non-null exactly when (pre-)candidate. */
    Campaign campaign;
    /** Non-null exactly when leader. */
    LeaderState leaderState;

    /** The committed configuration the node acts on, and the index of the entry that set it. */
    Membership membership;
    long membershipIndex;

    /** Ticks since the last valid contact from a leader (follower), campaign start, or quorum check (leader). */
    int electionElapsed;
    int heartbeatElapsed;
    /** Randomized in [electionTimeoutTicks, 2 * electionTimeoutTicks) at every role change. */
    int randomizedElectionTimeout;
    /** Ticks since the node was created: the node's own notion of now, for its lease. */
    long now;
    /**
     * Whether the node started from a stored term. Before it went down it may have acknowledged a
     * heartbeat that extended a leader's lease, and it no longer knows that leader.
     */
    final boolean restarted;

    private final List<Message> outbox = new ArrayList<>();
    private final List<ReadState> readStates = new ArrayList<>();
    private HardState lastHardState;

    /**
     * Creates the node from what its storage holds: a brand-new node's storage holds the
     * cluster's initial membership ({@link MemoryStorage#bootstrap}); a restarted node's holds
     * its hard state, snapshot and log.
     */
    public RaftNode(RaftConfig config, Storage storage) {
        this.config = config;
        this.id = config.id();
        this.log = new RaftLog(storage);
        HardState hs = storage.hardState();
        this.term = hs.term();
        this.votedFor = hs.votedFor();
        this.lastHardState = new HardState(term, votedFor, log.committed());
        this.restarted = hs.term() > 0;
        Snapshot snapshot = storage.snapshot();
        this.membership = snapshot.meta().membership();
        this.membershipIndex = snapshot.index();
        this.terms = new Terms(this);
        this.elections = new Elections(this);
        this.following = new Following(this);
        this.replication = new Replication(this);
        this.reads = new Reads(this);
        this.reconfiguration = new Reconfiguration(this);
        reconfiguration.applyCommittedConfigs(snapshot.index(), log.committed());
        resetElectionTimer();
    }

    // --- inputs ----------------------------------------------------------------------------

    /** Advances the node's clock by one tick: elections, heartbeats, quorum checks, timeouts. */
    public void tick() {
        now++;
        if (role == Role.LEADER) {
            replication.tick();
        } else {
            elections.tick();
        }
    }

    /** Handles one message from a peer. Messages not addressed to this node are refused loudly. */
    public void step(Message m) {
        if (!m.to().equals(id)) {
            throw new IllegalArgumentException("message for " + m.to() + " stepped into " + id + ": " + m);
        }
        if (terms.accept(m)) {
            dispatch(m);
        }
    }

    private void dispatch(Message m) {
        if (m instanceof VoteRequest v) {
            elections.onVoteRequest(v);
        } else if (m instanceof VoteResponse r) {
            elections.onVoteResponse(r);
        } else if (m instanceof AppendRequest a) {
            following.onAppendRequest(a);
        } else if (m instanceof Heartbeat h) {
            following.onHeartbeat(h);
        } else if (m instanceof InstallSnapshot s) {
            following.onInstallSnapshot(s);
        } else if (m instanceof AppendResponse r) {
            replication.onAppendResponse(r);
        } else if (m instanceof HeartbeatResponse r) {
            replication.onHeartbeatResponse(r);
        } else if (m instanceof TimeoutNow t) {
            elections.onTimeoutNow(t);
        } else if (m instanceof ReadIndexRequest r) {
            reads.onReadIndexRequest(r);
        } else if (m instanceof ReadIndexResponse r) {
            reads.onReadIndexResponse(r);
        } else {
            throw new AssertionError("unhandled message type " + m.getClass());
        }
    }

    /**
     * Proposes a command. Only the leader accepts; it is refused as busy while a leadership
     * transfer runs or when too many entries are uncommitted.
     */
    public ProposeResult propose(byte[] command) {
        return replication.propose(command);
    }

    /**
     * Asks for a linearizable read. When it is safe, a {@link ReadState} with {@code requestId}
     * comes out in a {@link Ready}: at once under a valid leader lease, after a heartbeat round
     * otherwise (ReadIndex); a follower forwards the request to the leader.
     */
    public ReadResult read(long requestId) {
        return reads.read(requestId);
    }

    /**
     * Proposes a new configuration with the given voters and learners (joint consensus when the
     * voters change). New voters must be learners that have caught up; one change at a time.
     */
    public ProposeResult proposeMembership(Set<NodeId> voters, Set<NodeId> learners) {
        return reconfiguration.propose(voters, learners);
    }

    /**
     * Starts handing leadership to {@code target}: the leader brings it up to date, then tells it to
     * campaign at once (thesis §3.10). Proposals are refused meanwhile; the transfer is abandoned
     * after an election timeout.
     */
    public ProposeResult transferLeadership(NodeId target) {
        return replication.transferLeadership(target);
    }

    /** Campaigns now, as if the election timer had fired (used by tests and operators). */
    public void campaign() {
        elections.campaign(config.preVote(), false);
    }

    // --- output ----------------------------------------------------------------------------

    /** Whether {@link #ready()} has anything to hand out. */
    public boolean hasReady() {
        return !outbox.isEmpty() || !readStates.isEmpty() || !hardState().equals(lastHardState)
                || log.hasUnsentSnapshot() || log.hasEntriesToPersist() || log.hasEntriesToApply();
    }

    /** Hands out what to persist, send and apply; see {@link Ready} for the order. */
    public Ready ready() {
        HardState hs = hardState();
        HardState changed = hs.equals(lastHardState) ? null : hs;
        lastHardState = hs;
        Snapshot snapshot = log.hasUnsentSnapshot() ? log.takeSnapshotToPersist() : null;
        List<LogEntry> entries = log.hasEntriesToPersist() ? log.takeEntriesToPersist() : List.of();
        List<LogEntry> committed = log.hasEntriesToApply() ? log.takeEntriesToApply(Long.MAX_VALUE) : List.of();
        Ready rd = new Ready(changed, softState(), snapshot, entries, outbox, committed, readStates);
        outbox.clear();
        readStates.clear();
        return rd;
    }

    /** The application has persisted, sent and applied {@code rd}. */
    public void advance(Ready rd) {
        if (rd.snapshot() != null) {
            log.snapshotPersisted(rd.snapshot());
        }
        if (!rd.entries().isEmpty()) {
            LogEntry last = rd.entries().get(rd.entries().size() - 1);
            log.entriesPersisted(last.index(), last.term());
        }
        if (!rd.committedEntries().isEmpty()) {
            log.appliedTo(rd.committedEntries().get(rd.committedEntries().size() - 1).index());
        }
        if (role == Role.LEADER) {
            // The leader counts itself towards a quorum only for what it has persisted.
            replication.maybeCommitAndBroadcast();
        }
    }

    // --- observation -----------------------------------------------------------------------

    public NodeId id() {
        return id;
    }

    public long term() {
        return term;
    }

    public Role role() {
        return role;
    }

    /** The leader of the current term as far as this node knows, or null. */
    public NodeId leader() {
        return leader;
    }

    public long commitIndex() {
        return log.committed();
    }

    public long appliedIndex() {
        return log.applied();
    }

    public long lastIndex() {
        return log.lastIndex();
    }

    public long lastTerm() {
        return log.lastTerm();
    }

    /** The term of the entry at {@code index}, or -1 if the log does not hold it. */
    public long termAt(long index) {
        return log.term(index);
    }

    public Membership membership() {
        return membership;
    }

    public HardState hardState() {
        return new HardState(term, votedFor, log.committed());
    }

    public SoftState softState() {
        return new SoftState(role, leader, term, membership);
    }

    /** Whether a leadership transfer is in progress (leader only). */
    public boolean isTransferringLeadership() {
        return leaderState != null && leaderState.isTransferring();
    }

    /** A leader's view of a follower's match index, or -1 if not leader or not tracking it. */
    public long matchIndexOf(NodeId follower) {
        if (leaderState == null) {
            return -1;
        }
        if (follower.equals(id)) {
            return log.stableIndex();
        }
        Progress p = leaderState.progress.get(follower);
        return p == null ? -1 : p.match();
    }

    /** Whether this leader's lease holds now (lease-based reads are served without a round trip). */
    public boolean hasValidLease() {
        return reads.leaseHolds();
    }

    @Override
    public String toString() {
        return id + "[" + role + " term=" + term + " leader=" + leader + " commit=" + log.committed() + " last="
                + log.lastIndex() + " " + membership + "]";
    }

    // --- transitions (the only doors between roles) ----------------------------------------

    void becomeFollower(long newTerm, NodeId newLeader) {
        if (newTerm > term) {
            term = newTerm;
            votedFor = null;
        }
        role = Role.FOLLOWER;
        leader = newLeader;
        campaign = null;
        leaderState = null;
        resetElectionTimer();
    }

    void becomePreCandidate() {
        if (role == Role.LEADER) {
            throw new IllegalStateException(id + " is leader and cannot become a pre-candidate");
        }
        role = Role.PRE_CANDIDATE;
        leader = null;
        campaign = new Campaign(true);
        leaderState = null;
        resetElectionTimer();
    }

    void becomeCandidate() {
        if (role == Role.LEADER) {
            throw new IllegalStateException(id + " is leader and cannot become a candidate");
        }
        term++;
        votedFor = id;
        role = Role.CANDIDATE;
        leader = null;
        campaign = new Campaign(false);
        leaderState = null;
        resetElectionTimer();
    }

    void becomeLeader() {
        if (role != Role.CANDIDATE) {
            throw new IllegalStateException(id + " must be a candidate to become leader, is " + role);
        }
        role = Role.LEADER;
        leader = id;
        campaign = null;
        // The check-quorum clock starts now: ticks spent campaigning must not count against the
        // new leader's first chance to hear from its followers.
        electionElapsed = 0;
        leaderState = new LeaderState(log.lastIndex() + 1);
        replication.startTerm();
    }

    private void resetElectionTimer() {
        electionElapsed = 0;
        heartbeatElapsed = 0;
        int min = config.electionTimeoutTicks();
        randomizedElectionTimeout = min + config.random().nextInt(min);
    }

    // --- shared plumbing for the concern classes --------------------------------------------

    void send(Message m) {
        outbox.add(m);
    }

    void addReadState(ReadState rs) {
        readStates.add(rs);
    }

    /** Whether this node may campaign: only voters of the configuration it acts on. */
    boolean isPromotable() {
        return membership.isVoter(id);
    }

    /** Called after the commit index moved from {@code oldCommit}: configurations take effect. */
    void onCommitAdvanced(long oldCommit) {
        reconfiguration.applyCommittedConfigs(oldCommit, log.committed());
    }

    Replication replication() {
        return replication;
    }

    Reads reads() {
        return reads;
    }

    Reconfiguration reconfiguration() {
        return reconfiguration;
    }
}
