package io.kairos.bench.kairos;

import io.kairos.raft.NodeId;
import io.kairos.server.KairosServer;
import io.kairos.server.config.Member;
import io.kairos.server.config.ServerConfig;
import io.kairos.server.config.Timing;
import io.kairos.server.master.MasterStateMachine;
import io.kairos.storage.SnapshotTrigger;
import io.kairos.transport.PeerAddress;
import io.kairos.transport.TlsConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a Kairos member runs in the comparison: a {@link KairosServer} (its durable storage, event
 * loop and transport) with its own data directory, peer port and API port on 127.0.0.1, serving
 * the key-value application. Member {@code i} is node {@code i + 1}.
 */
final class KairosMember {

    /** 100 ms ticks, election after 10-20 ticks: 1000-2000 ms, as the other systems are set. */
    static final Timing TIMING = new Timing(100, 10, 1);
    /** No snapshot during a run, as none of the other systems takes one in W1's time. */
    static final SnapshotTrigger.Policy NO_SNAPSHOTS = new SnapshotTrigger.Policy(1_000_000_000L, Long.MAX_VALUE, 0);

    static final Map<String, String> SETTINGS = settings();

    private KairosMember() {}

    private static Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("durability", "DurableStorage: each Ready's entries appended to the segmented WAL and FileChannel.force(false)"
                + " before a follower acknowledges them and before the leader counts its own copy (the leader sends"
                + " AppendEntries before its own fsync, Raft thesis 10.2.1); hard state written atomically after");
        s.put("electionTimeout", "1000-2000 ms (10 ticks of 100 ms, randomised up to 20), pre-vote and check-quorum on");
        s.put("transport", "kairos-transport: Netty TCP, binary frames");
        s.put("client", "kairos-client over HTTP/1.1 (JDK HttpClient), each write with a client session, retried with"
                + " 10 ms backoff");
        s.put("snapshots", "off during the run");
        return s;
    }

    /** The three members' configurations: {@code ports} holds three peer ports then three API ports. */
    static List<ServerConfig> configs(int[] ports, Path dataRoot) {
        Map<NodeId, Member> members = new TreeMap<>();
        for (int i = 0; i < 3; i++) {
            NodeId id = NodeId.of(i + 1);
            members.put(id, new Member(id, new PeerAddress("127.0.0.1", ports[i]), new PeerAddress("127.0.0.1", ports[3 + i])));
        }
        List<ServerConfig> configs = new ArrayList<>();
        for (Member m : members.values()) {
            configs.add(new ServerConfig(m.id(), "bench", m.raft(), m.raft(), m.api(), m.api(), members,
                    dataRoot.resolve("n" + (m.id().value() - 1)), TIMING, TlsConfig.DISABLED, NO_SNAPSHOTS));
        }
        return configs;
    }

    static List<URI> apiUris(int[] ports) {
        List<URI> uris = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            uris.add(URI.create("http://127.0.0.1:" + ports[3 + i]));
        }
        return uris;
    }

    static KairosServer start(ServerConfig config, MasterStateMachine stateMachine) throws IOException {
        return KairosServer.start(config, stateMachine, KairosServer.Options.defaults(true, (what, cause) -> {
            System.err.println("FATAL in " + config.nodeId() + ": " + what);
            cause.printStackTrace();
            Runtime.getRuntime().halt(70);
        }));
    }

    /** The key as the API carries it: the 16 bytes in hex. */
    static String key(byte[] key) {
        StringBuilder hex = new StringBuilder(key.length * 2);
        for (byte b : key) {
            hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return hex.toString();
    }

    static String version() {
        String version = KairosServer.class.getPackage().getImplementationVersion();
        return version == null ? "0.1.0-SNAPSHOT" : version;
    }
}
