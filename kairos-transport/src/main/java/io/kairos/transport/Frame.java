package io.kairos.transport;

import io.kairos.raft.NodeId;
import io.kairos.raft.message.Message;
import io.kairos.storage.snapshot.SnapshotChunk;

/**
 * Everything that travels on a connection: the handshake, a Raft message, or a piece of a
 * snapshot transfer and its acknowledgement. See the module's README for the byte layout.
 */
sealed interface Frame permits Frame.Hello, Frame.Raft, Frame.Chunk, Frame.ChunkAck {

    /**
     * The first frame on every connection, from the dialing side.
     *
     * @param protocolVersion the highest frame version the sender speaks
     */
    record Hello(String clusterId, NodeId sender, int protocolVersion) implements Frame {
        public Hello {
            if (clusterId == null || sender == null) {
                throw new IllegalArgumentException("cluster id and sender must be set");
            }
            TransportConfig.checkClusterId(clusterId);
        }
    }

    /** One Raft message. */
    record Raft(Message message) implements Frame {
        public Raft {
            if (message == null) {
                throw new IllegalArgumentException("message must be set");
            }
        }
    }

    /**
     * A piece of a snapshot file sent as part of an {@code InstallSnapshot} from {@code from} in
     * {@code term}.
     *
     * @param epoch the sender's count of rewinds of this transfer, echoed in the ack, so that acks
     *     of chunks sent before a rewind or reconnect are recognised as stale
     */
    record Chunk(NodeId from, NodeId to, long term, int epoch, SnapshotChunk chunk) implements Frame {
        public Chunk {
            if (from == null || to == null || chunk == null) {
                throw new IllegalArgumentException("from, to and chunk must be set");
            }
        }
    }

    /**
     * The receiver's answer to a {@link Chunk} of snapshot {@code index}@{@code snapshotTerm}.
     *
     * @param offset for {@code ACCEPTED} and {@code RESEND}, where the sender continues; otherwise 0
     */
    record ChunkAck(NodeId from, NodeId to, long index, long snapshotTerm, int epoch, AckKind kind, long offset)
            implements Frame {
        public ChunkAck {
            if (from == null || to == null || kind == null) {
                throw new IllegalArgumentException("from, to and kind must be set");
            }
            if (offset < 0) {
                throw new IllegalArgumentException("offset must be >= 0, got " + offset);
            }
        }
    }

    /** The receiver's verdict on a chunk, mirroring storage's {@code ChunkOutcome}. */
    enum AckKind {
        ACCEPTED,
        RESEND,
        INSTALLED,
        REJECTED
    }
}
