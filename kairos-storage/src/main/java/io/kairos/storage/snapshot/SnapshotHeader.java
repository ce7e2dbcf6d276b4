package io.kairos.storage.snapshot;

import io.kairos.raft.Membership;
import io.kairos.raft.NodeId;
import io.kairos.raft.SnapshotMeta;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The snapshot's position and membership as bytes: index, term, then the voter, outgoing voter
 * and learner id lists, each as a count followed by the ids in ascending order.
 */
record SnapshotHeader(SnapshotMeta meta) {

    /** More members than this in a header is corruption, not a cluster: bounds what a bad count allocates. */
    static final int MAX_MEMBERS = 10_000;

    SnapshotHeader {
        if (meta == null) {
            throw new IllegalArgumentException("meta must not be null");
        }
    }

    byte[] encode() {
        Membership m = meta.membership();
        int ids = m.voters().size() + m.outgoingVoters().size() + m.learners().size();
        ByteBuffer buffer = ByteBuffer.allocate(8 + 8 + 3 * 4 + 4 * ids);
        buffer.putLong(meta.index()).putLong(meta.term());
        putIds(buffer, m.voters());
        putIds(buffer, m.outgoingVoters());
        putIds(buffer, m.learners());
        return buffer.array();
    }

    /**
     * Decodes a header that passed its checksum.
     *
     * @throws IllegalArgumentException if the bytes do not form a valid header, with the reason
     */
    static SnapshotHeader decode(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        try {
            long index = buffer.getLong();
            long term = buffer.getLong();
            Set<NodeId> voters = getIds(buffer);
            Set<NodeId> outgoing = getIds(buffer);
            Set<NodeId> learners = getIds(buffer);
            if (buffer.hasRemaining()) {
                throw new IllegalArgumentException(buffer.remaining() + " unexpected bytes after the learners");
            }
            return new SnapshotHeader(new SnapshotMeta(index, term, new Membership(voters, outgoing, learners)));
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("header of " + bytes.length + " bytes ends early");
        }
    }

    private static void putIds(ByteBuffer buffer, Set<NodeId> ids) {
        buffer.putInt(ids.size());
        for (NodeId id : new TreeSet<>(ids)) {
            buffer.putInt(id.value());
        }
    }

    private static Set<NodeId> getIds(ByteBuffer buffer) {
        int count = buffer.getInt();
        if (count < 0 || count > MAX_MEMBERS) {
            throw new IllegalArgumentException("member count " + count + " outside [0, " + MAX_MEMBERS + "]");
        }
        List<NodeId> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(NodeId.of(buffer.getInt()));
        }
        Set<NodeId> unique = Set.copyOf(ids);
        if (unique.size() != count) {
            throw new IllegalArgumentException("duplicate member ids in " + ids);
        }
        return unique;
    }
}
