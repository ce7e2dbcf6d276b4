package io.kairos.server;

import io.kairos.server.master.MasterStateMachine;
import io.kairos.raft.NodeId;
import io.kairos.server.config.Member;
import io.kairos.server.config.ServerConfig;
import io.kairos.server.config.Timing;
import io.kairos.server.loop.FatalErrorHandler;
import io.kairos.storage.SnapshotTrigger;
import io.kairos.transport.PeerAddress;
import io.kairos.transport.TlsConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The three masters of {@code kairos dev}: one process, loopback ports, a data directory each under one root. */
public final class DevCluster implements AutoCloseable {

    private final Map<NodeId, Member> members;
    private final List<KairosServer> servers;

    private DevCluster(Map<NodeId, Member> members, List<KairosServer> servers) {
        this.members = members;
        this.servers = servers;
    }

    /**
     * Starts masters n1-n3 with API ports {@code apiPort..apiPort+2} and peer ports
     * {@code raftPort..raftPort+2}, bootstrapping {@code root} on first use and reusing it after.
     */
    public static DevCluster start(Path root, int apiPort, int raftPort, FatalErrorHandler onFatal) throws IOException {
        Map<NodeId, Member> members = new TreeMap<>();
        for (int i = 0; i < 3; i++) {
            NodeId id = NodeId.of(i + 1);
            members.put(id, new Member(id, new PeerAddress("127.0.0.1", raftPort + i),
                    new PeerAddress("127.0.0.1", apiPort + i)));
        }
        List<KairosServer> servers = new ArrayList<>();
        try {
            for (Member m : members.values()) {
                ServerConfig config = new ServerConfig(m.id(), "kairos-dev", m.raft(), m.raft(), m.api(), m.api(),
                        members, root.resolve("n" + m.id().value()), Timing.DEFAULT, TlsConfig.DISABLED,
                        SnapshotTrigger.Policy.defaults());
                servers.add(KairosServer.start(config, new MasterStateMachine(), KairosServer.Options.defaults(true, onFatal)));
            }
        } catch (IOException | RuntimeException e) {
            servers.forEach(KairosServer::close);
            throw e;
        }
        return new DevCluster(members, servers);
    }

    public Map<NodeId, Member> members() {
        return members;
    }

    @Override
    public synchronized void close() {
        servers.forEach(KairosServer::close);
        servers.clear();
    }
}
