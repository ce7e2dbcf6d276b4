package io.kairos.bench.jraft;

import io.kairos.bench.harness.KeyValueMap;
import com.alipay.sofa.jraft.Node;
import com.alipay.sofa.jraft.RaftGroupService;
import com.alipay.sofa.jraft.conf.Configuration;
import com.alipay.sofa.jraft.entity.PeerId;
import com.alipay.sofa.jraft.option.NodeOptions;
import com.alipay.sofa.jraft.option.RaftOptions;
import com.alipay.sofa.jraft.rpc.RaftRpcServerFactory;
import com.alipay.sofa.jraft.rpc.RpcServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How every SOFAJRaft member of the benchmark is configured, and how one is started. The settings
 * that decide durability are stated in {@link #SETTINGS} and reported in the JSON.
 */
final class JraftMember {

    static final String GROUP = "kairos-bench";

    /** jraft waits electionTimeoutMs plus a random 0..maxElectionDelayMs: 1000-2000 ms here. */
    static final int ELECTION_TIMEOUT_MILLIS = 1000;
    static final int MAX_ELECTION_DELAY_MILLIS = 1000;

    static final Map<String, String> SETTINGS = settings();

    private final RaftGroupService service;
    private final Node node;
    private final KeyValueStateMachine stateMachine;

    private JraftMember(RaftGroupService service, Node node, KeyValueStateMachine stateMachine) {
        this.service = service;
        this.node = node;
        this.stateMachine = stateMachine;
    }

    private static Map<String, String> settings() {
        RaftOptions defaults = new RaftOptions();
        NodeOptions nodeDefaults = new NodeOptions();
        Map<String, String> s = new LinkedHashMap<>();
        s.put("transport", "bolt (jraft-core default RPC)");
        s.put("logStorage", "RocksDBLogStorage (DefaultJRaftServiceFactory)");
        s.put("RaftOptions.sync", "true (default " + defaults.isSync()
                + "; RocksDB WriteOptions.setSync(true) on every log write batch, on every member, before it acknowledges / counts itself)");
        s.put("RaftOptions.syncMeta", "true (default " + defaults.isSyncMeta() + "; term and vote)");
        s.put("NodeOptions.electionTimeoutMs", ELECTION_TIMEOUT_MILLIS + " (default " + nodeDefaults.getElectionTimeoutMs() + ")");
        s.put("RaftOptions.maxElectionDelayMs", MAX_ELECTION_DELAY_MILLIS + " (default " + defaults.getMaxElectionDelayMs()
                + "; election timeout drawn from 1000-2000 ms)");
        s.put("snapshots", "none");
        return Collections.unmodifiableMap(s);
    }

    static List<PeerId> peers(int[] ports) {
        List<PeerId> peers = new ArrayList<>();
        for (int port : ports) {
            peers.add(new PeerId("127.0.0.1", port));
        }
        return peers;
    }

    static Configuration configuration(List<PeerId> peers) {
        return new Configuration(peers);
    }

    /** Starts member {@code index} with its own data directory {@code dataRoot/n<index>}; recovers it if present. */
    static JraftMember start(List<PeerId> peers, int index, Path dataRoot) throws IOException {
        Path dir = dataRoot.resolve("n" + index);
        Files.createDirectories(dir);
        KeyValueStateMachine stateMachine = new KeyValueStateMachine();
        NodeOptions options = new NodeOptions();
        options.setElectionTimeoutMs(ELECTION_TIMEOUT_MILLIS);
        RaftOptions raftOptions = new RaftOptions();
        raftOptions.setSync(true);
        raftOptions.setSyncMeta(true);
        raftOptions.setMaxElectionDelayMs(MAX_ELECTION_DELAY_MILLIS);
        options.setRaftOptions(raftOptions);
        options.setFsm(stateMachine);
        options.setLogUri(dir.resolve("log").toString());
        options.setRaftMetaUri(dir.resolve("meta").toString());
        options.setInitialConf(configuration(peers));

        PeerId self = peers.get(index);
        AtomicReference<Node> node = new AtomicReference<>();
        RpcServer rpcServer = RaftRpcServerFactory.createRaftRpcServer(self.getEndpoint());
        rpcServer.registerProcessor(new PutRequestProcessor(node::get));
        RaftGroupService service = new RaftGroupService(GROUP, self, options, rpcServer);
        node.set(service.start());
        return new JraftMember(service, node.get(), stateMachine);
    }

    KeyValueMap map() {
        return stateMachine.map();
    }

    Node node() {
        return node;
    }

    void shutdown() throws InterruptedException {
        service.shutdown();
        service.join();
    }
}
