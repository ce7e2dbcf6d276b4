package io.kairos.transport;

import io.kairos.raft.NodeId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Everything one node's transport needs, checked when built; use {@link #builder}.
 *
 * @param self this node
 * @param clusterId both ends of a connection must name the same cluster
 * @param bind where the server listens; port 0 picks a free port (tests)
 * @param advertised where peers reach this node (behind NAT or a container, not the bind address)
 * @param peers every other member's advertised address
 * @param maxFrameBytes the largest frame sent or accepted, length prefix excluded
 * @param queueMaxMessages per-peer outbound queue bound in messages
 * @param queueMaxBytes per-peer outbound queue bound in encoded bytes
 * @param backoff reconnect delays
 * @param tls TLS settings, {@link TlsConfig#DISABLED} by default
 * @param snapshotStagingDir where received snapshots are assembled and checked before delivery;
 *     null refuses incoming snapshot transfers
 * @param snapshotChunkBytes the size of one snapshot chunk on the wire
 * @param snapshotWindowChunks how many chunks may be unacknowledged at once, bounding memory
 * @param helloTimeoutMillis how long an accepted connection may stay silent before its Hello, so
 *     that idle sockets cannot pile up
 */
public record TransportConfig(NodeId self, String clusterId, PeerAddress bind, PeerAddress advertised,
        Map<NodeId, PeerAddress> peers, int maxFrameBytes, int queueMaxMessages, long queueMaxBytes,
        Backoff backoff, TlsConfig tls, Path snapshotStagingDir, int snapshotChunkBytes, int snapshotWindowChunks,
        long helloTimeoutMillis) {

    public static final int DEFAULT_MAX_FRAME_BYTES = 16 * 1024 * 1024;

    /** Room for a chunk frame's fields besides its bytes. */
    static final int CHUNK_FRAME_OVERHEAD_BYTES = 64;

    private static final int MIN_FRAME_BYTES = 1024;
    private static final int MAX_CLUSTER_ID_BYTES = 255;

    public TransportConfig {
        if (self == null) {
            throw new IllegalArgumentException("self must be set");
        }
        checkClusterId(clusterId);
        if (bind == null) {
            throw new IllegalArgumentException("bind address must be set");
        }
        if (advertised == null || (advertised.port() == 0 && bind.port() != 0)) {
            // Port 0 is only meaningful as "whatever the bind picked", in tests.
            throw new IllegalArgumentException("advertised address must be set with a real port, got " + advertised);
        }
        peers = Map.copyOf(peers);
        if (peers.containsKey(self)) {
            throw new IllegalArgumentException("peers must not include self " + self + ": " + peers);
        }
        peers.forEach((id, address) -> {
            if (address.port() == 0) {
                throw new IllegalArgumentException("peer " + id + " has port 0 in " + address);
            }
        });
        if (maxFrameBytes < MIN_FRAME_BYTES) {
            throw new IllegalArgumentException("maxFrameBytes must be >= " + MIN_FRAME_BYTES + ", got " + maxFrameBytes);
        }
        if (queueMaxMessages < 1) {
            throw new IllegalArgumentException("queueMaxMessages must be >= 1, got " + queueMaxMessages);
        }
        if (queueMaxBytes < maxFrameBytes) {
            throw new IllegalArgumentException("queueMaxBytes " + queueMaxBytes + " must be >= maxFrameBytes "
                    + maxFrameBytes + ", or the largest legal message could never be queued");
        }
        if (backoff == null || tls == null) {
            throw new IllegalArgumentException("backoff and tls must be set (use TlsConfig.DISABLED for none)");
        }
        if (snapshotChunkBytes < 1 || snapshotChunkBytes > maxFrameBytes - CHUNK_FRAME_OVERHEAD_BYTES) {
            throw new IllegalArgumentException("snapshotChunkBytes must be in [1, maxFrameBytes - "
                    + CHUNK_FRAME_OVERHEAD_BYTES + "] = [1, " + (maxFrameBytes - CHUNK_FRAME_OVERHEAD_BYTES)
                    + "], got " + snapshotChunkBytes);
        }
        if (snapshotWindowChunks < 1) {
            throw new IllegalArgumentException("snapshotWindowChunks must be >= 1, got " + snapshotWindowChunks);
        }
        if (helloTimeoutMillis < 1) {
            throw new IllegalArgumentException("helloTimeoutMillis must be >= 1, got " + helloTimeoutMillis);
        }
    }

    static void checkClusterId(String clusterId) {
        if (clusterId == null || clusterId.isBlank()) {
            throw new IllegalArgumentException("cluster id must not be blank");
        }
        int bytes = clusterId.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_CLUSTER_ID_BYTES) {
            throw new IllegalArgumentException("cluster id must be at most " + MAX_CLUSTER_ID_BYTES
                    + " UTF-8 bytes, got " + bytes);
        }
    }

    /** A builder with defaults for everything but identity and addresses. */
    public static Builder builder(NodeId self, String clusterId, PeerAddress bind) {
        return new Builder(self, clusterId, bind);
    }

    /** Builds a {@link TransportConfig}; the advertised address defaults to the bind address. */
    public static final class Builder {
        private final NodeId self;
        private final String clusterId;
        private final PeerAddress bind;
        private PeerAddress advertised;
        private Map<NodeId, PeerAddress> peers = Map.of();
        private int maxFrameBytes = DEFAULT_MAX_FRAME_BYTES;
        private int queueMaxMessages = 10_000;
        private long queueMaxBytes = 64L * 1024 * 1024;
        private Backoff backoff = Backoff.DEFAULT;
        private TlsConfig tls = TlsConfig.DISABLED;
        private Path snapshotStagingDir;
        private int snapshotChunkBytes = 1024 * 1024;
        private int snapshotWindowChunks = 4;
        private long helloTimeoutMillis = 10_000;

        private Builder(NodeId self, String clusterId, PeerAddress bind) {
            this.self = self;
            this.clusterId = clusterId;
            this.bind = bind;
        }

        public Builder advertised(PeerAddress advertised) {
            this.advertised = advertised;
            return this;
        }

        public Builder peers(Map<NodeId, PeerAddress> peers) {
            this.peers = peers;
            return this;
        }

        public Builder maxFrameBytes(int maxFrameBytes) {
            this.maxFrameBytes = maxFrameBytes;
            return this;
        }

        public Builder queueBounds(int maxMessages, long maxBytes) {
            this.queueMaxMessages = maxMessages;
            this.queueMaxBytes = maxBytes;
            return this;
        }

        public Builder backoff(Backoff backoff) {
            this.backoff = backoff;
            return this;
        }

        public Builder tls(TlsConfig tls) {
            this.tls = tls;
            return this;
        }

        public Builder snapshots(Path stagingDir, int chunkBytes, int windowChunks) {
            this.snapshotStagingDir = stagingDir;
            this.snapshotChunkBytes = chunkBytes;
            this.snapshotWindowChunks = windowChunks;
            return this;
        }

        public Builder helloTimeoutMillis(long helloTimeoutMillis) {
            this.helloTimeoutMillis = helloTimeoutMillis;
            return this;
        }

        public TransportConfig build() {
            return new TransportConfig(self, clusterId, bind, advertised != null ? advertised : bind, peers,
                    maxFrameBytes, queueMaxMessages, queueMaxBytes, backoff, tls, snapshotStagingDir,
                    snapshotChunkBytes, snapshotWindowChunks, helloTimeoutMillis);
        }
    }
}
