package io.kairos.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kairos.raft.NodeId;
import io.kairos.storage.SnapshotTrigger;
import io.kairos.transport.PeerAddress;
import io.kairos.transport.TlsConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {

    private static final String VALID = """
            node-id: 2
            cluster-id: prod-eu
            data-dir: data/n2
            raft:
              bind: 0.0.0.0:7002
              advertised: 10.0.0.2:7002
            api:
              bind: 127.0.0.1:8002
            members:
              - { id: 1, raft: 10.0.0.1:7001, api: 10.0.0.1:8001 }
              - { id: 2, raft: 10.0.0.2:7002, api: 10.0.0.2:8002 }
              - { id: 3, raft: 10.0.0.3:7003, api: 10.0.0.3:8003 }
            timing: { tick-ms: 50 }
            snapshots: { max-entries: 1000, retained-entries: 100 }
            """;

    @TempDir
    Path dir;

    @Test
    void aValidFileGivesEveryValueWithDefaultsForTheRest() throws Exception {
        Path file = dir.resolve("node.yaml");
        Files.writeString(file, VALID);

        ServerConfig c = ConfigFile.read(file);

        assertThat(c.nodeId()).isEqualTo(NodeId.of(2));
        assertThat(c.clusterId()).isEqualTo("prod-eu");
        assertThat(c.dataDir()).isEqualTo(dir.toAbsolutePath().resolve("data/n2"));
        assertThat(c.raftBind()).isEqualTo(new PeerAddress("0.0.0.0", 7002));
        assertThat(c.raftAdvertised()).isEqualTo(new PeerAddress("10.0.0.2", 7002));
        assertThat(c.apiAdvertised()).as("defaults to the bind address").isEqualTo(c.apiBind());
        assertThat(c.peers()).containsOnlyKeys(NodeId.of(1), NodeId.of(3));
        assertThat(c.initialMembership().voters()).containsExactlyInAnyOrder(NodeId.of(1), NodeId.of(2), NodeId.of(3));
        assertThat(c.timing()).isEqualTo(new Timing(50, 10, 1));
        assertThat(c.snapshots()).isEqualTo(new SnapshotTrigger.Policy(1000,
                SnapshotTrigger.Policy.defaults().maxBytes(), 100));
        assertThat(c.tls()).isEqualTo(TlsConfig.DISABLED);
    }

    @Test
    void eachMistakeIsNamedWithTheFileAndTheKey() {
        assertThatThrownBy(() -> parse(VALID.replace("cluster-id", "clusterid")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("node.yaml: unknown key 'clusterid'");
        assertThatThrownBy(() -> parse(VALID.replace("cluster-id: prod-eu\n", "")))
                .hasMessageContaining("cluster-id is required");
        assertThatThrownBy(() -> parse(VALID.replace("bind: 127.0.0.1:8002", "bind: localhost")))
                .hasMessageContaining("api.bind: expected host:port, got 'localhost'");
        assertThatThrownBy(() -> parse(VALID.replace("{ id: 3,", "{ id: 2,")))
                .hasMessageContaining("members list node 2 twice");
        assertThatThrownBy(() -> parse(VALID.replace("node-id: 2", "node-id: 4")))
                .hasMessageContaining("members must list this node n4 too");
        assertThatThrownBy(() -> parse(VALID.replace("advertised: 10.0.0.2:7002", "advertised: 10.0.0.9:7002")))
                .hasMessageContaining("raft address 10.0.0.2:7002 but raft.advertised is 10.0.0.9:7002");
        assertThatThrownBy(() -> parse(VALID.replace("tick-ms: 50", "tick-ms: 0")))
                .hasMessageContaining("tick-ms must be in [1, 10000], got 0");
        assertThatThrownBy(() -> parse(VALID.replace("retained-entries: 100", "retained-entries: 5000")))
                .hasMessageContaining("snapshots: retainedEntries (5000) must be below maxEntries (1000)");
        assertThatThrownBy(() -> parse("node-id: [1, 2]")).hasMessageContaining("node.yaml: ");
        assertThatThrownBy(() -> parse("")).hasMessageContaining("node.yaml: the file is empty");
        assertThatThrownBy(() -> ConfigFile.read(dir.resolve("missing.yaml"))).hasMessageContaining("no such file");
    }

    private ServerConfig parse(String yaml) {
        return ConfigFile.parse(yaml, dir, "node.yaml");
    }
}
