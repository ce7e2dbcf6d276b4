package io.kairos.server.config;

import io.kairos.raft.Membership;
import io.kairos.raft.NodeId;
import io.kairos.storage.SnapshotTrigger;
import io.kairos.transport.PeerAddress;
import io.kairos.transport.TlsConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything one master needs, checked when made (see {@link ConfigFile} for the YAML form).
 *
 * @param nodeId this master's id
 * @param clusterId the cluster's name; a data directory or a peer of another cluster is refused
 * @param raftBind where the peer port listens
 * @param raftAdvertised where the other masters reach it (differs from the bind address behind NAT
 *     or in Kubernetes)
 * @param apiBind where the HTTP API listens
 * @param apiAdvertised where clients are sent to reach this master's API
 * @param members every initial member, this one included
 * @param dataDir this master's data directory
 * @param timing the Raft clock
 * @param tls peer TLS, {@link TlsConfig#DISABLED} by default
 * @param snapshots when the state machine is snapshotted and the log compacted
 * @param apiToken the bearer token API calls must carry; null for none, allowed only on loopback
 */
public record ServerConfig(NodeId nodeId, String clusterId, PeerAddress raftBind, PeerAddress raftAdvertised,
        PeerAddress apiBind, PeerAddress apiAdvertised, Map<NodeId, Member> members, Path dataDir, Timing timing,
        TlsConfig tls, SnapshotTrigger.Policy snapshots, ApiToken apiToken) {

    /** Without an API token: the API must bind to loopback. */
    public ServerConfig(NodeId nodeId, String clusterId, PeerAddress raftBind, PeerAddress raftAdvertised,
            PeerAddress apiBind, PeerAddress apiAdvertised, Map<NodeId, Member> members, Path dataDir, Timing timing,
            TlsConfig tls, SnapshotTrigger.Policy snapshots) {
        this(nodeId, clusterId, raftBind, raftAdvertised, apiBind, apiAdvertised, members, dataDir, timing, tls,
                snapshots, null);
    }

    public ServerConfig {
        if (nodeId == null || clusterId == null || raftBind == null || apiBind == null || dataDir == null
                || timing == null || tls == null || snapshots == null) {
            throw new IllegalArgumentException("node-id, cluster-id, raft.bind, api.bind and data-dir must be set");
        }
        if (raftAdvertised == null) {
            raftAdvertised = raftBind;
        }
        if (apiAdvertised == null) {
            apiAdvertised = apiBind;
        }
        members = Map.copyOf(new TreeMap<>(members));
        if (!members.containsKey(nodeId)) {
            throw new IllegalArgumentException("members must list this node " + nodeId + " too; they list "
                    + members.keySet());
        }
        if (apiToken == null && !isLoopback(apiBind.host())) {
            throw new IllegalArgumentException("the API would listen on " + apiBind + " without authentication;"
                    + " give it a bearer token (api.token-file in the configuration, or --api-token-file) or bind it"
                    + " to 127.0.0.1");
        }
        Member self = members.get(nodeId);
        if (raftAdvertised.port() != 0 && !self.raft().equals(raftAdvertised)) {
            throw new IllegalArgumentException("this node's entry in members has raft address " + self.raft()
                    + " but raft.advertised is " + raftAdvertised + "; they must agree");
        }
    }

    /** Loopback by its literal address or the name localhost; any other name counts as reachable from outside. */
    static boolean isLoopback(String host) {
        if (host.equals("localhost") || host.equals("::1") || host.equals("[::1]")) {
            return true;
        }
        String[] parts = host.split("\\.");
        return parts.length == 4 && parts[0].equals("127") && host.matches("[0-9.]+");
    }

    /** A copy with an API token. */
    public ServerConfig withApiToken(ApiToken token) {
        return new ServerConfig(nodeId, clusterId, raftBind, raftAdvertised, apiBind, apiAdvertised, members, dataDir,
                timing, tls, snapshots, token);
    }

    /** The initial membership: every listed member a voter. */
    public Membership initialMembership() {
        return Membership.ofVoters(members.keySet().toArray(NodeId[]::new));
    }

    /** The other members' advertised peer addresses. */
    public Map<NodeId, PeerAddress> peers() {
        Map<NodeId, PeerAddress> peers = new TreeMap<>();
        members.forEach((id, m) -> {
            if (!id.equals(nodeId)) {
                peers.put(id, m.raft());
            }
        });
        return peers;
    }

    /** The members in id order. */
    public List<Member> memberList() {
        return List.copyOf(new TreeMap<>(members).values());
    }
}
