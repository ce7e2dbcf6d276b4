package io.kairos.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kairos.raft.NodeId;
import io.kairos.server.admin.ForceMembership;
import io.kairos.storage.SnapshotTrigger;
import io.kairos.storage.state.DataDirectoryLockedException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two of three masters gone for good: the survivor is forced into a new one-voter cluster and serves again. */
class QuorumLossRecoveryTest {

    @TempDir
    Path dir;

    private LocalCluster cluster;

    @AfterEach
    void tearDown() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aSurvivorForcedIntoANewMembershipKeepsItsDataElectsItselfAndServesWrites() throws Exception {
        cluster = new LocalCluster(dir, 3, SnapshotTrigger.Policy.defaults());
        cluster.startAll();
        NodeId leader = cluster.awaitLeader();
        for (int i = 0; i < 10; i++) {
            assertThat(put(cluster.apiUrl(leader), "k" + i, "v" + i).statusCode()).isEqualTo(200);
        }
        NodeId survivor = NodeId.of(1);
        assertThatThrownBy(() -> ForceMembership.apply(cluster.config(survivor), Set.of(survivor), "ops"))
                .as("refused while the master runs").isInstanceOf(DataDirectoryLockedException.class);
        cluster.close();

        assertThatThrownBy(() -> ForceMembership.apply(cluster.config(survivor), Set.of(NodeId.of(2)), "ops"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must include this node n1");
        ForceMembership.Outcome outcome = ForceMembership.apply(cluster.config(survivor), Set.of(survivor), "ops");
        assertThat(outcome.after().voters()).containsExactly(survivor);
        assertThat(outcome.before().voters()).hasSize(3);

        String audit = Files.readString(cluster.config(survivor).dataDir().resolve("audit.log"));
        assertThat(audit).contains("\"action\":\"force-membership\"", "\"operator\":\"ops\"",
                "\"configIndex\":" + outcome.configIndex());

        cluster.start(survivor);
        assertThat(cluster.awaitLeader()).isEqualTo(survivor);
        for (int i = 0; i < 10; i++) {
            assertThat(get(cluster.apiUrl(survivor), "k" + i).body()).isEqualTo("v" + i);
        }
        assertThat(put(cluster.apiUrl(survivor), "after", "recovery").statusCode()).isEqualTo(200);
        assertThat(cluster.status(survivor).membership().voters()).containsExactly(survivor);
    }

    @Test
    void theCommandRefusesWithoutTheConfirmationAndChangesNothing() throws Exception {
        cluster = new LocalCluster(dir, 3, SnapshotTrigger.Policy.defaults());
        cluster.start(NodeId.of(1));
        cluster.close();
        Path config = dir.resolve("n1.yaml");
        Files.writeString(config, yamlOf(cluster, NodeId.of(1)));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalErr = System.err;
        int exit;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            exit = AdminMain.run("force-membership", "--config", config.toString(), "--voters", "1");
        } finally {
            System.setErr(originalErr);
        }
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("may LOSE", "--confirm-data-loss", "Nothing was changed");
        assertThat(cluster.config(NodeId.of(1)).dataDir().resolve("audit.log")).doesNotExist();
    }

    private static String yamlOf(LocalCluster cluster, NodeId id) {
        var c = cluster.config(id);
        StringBuilder members = new StringBuilder();
        c.memberList().forEach(m -> members.append("  - { id: ").append(m.id().value()).append(", raft: ")
                .append(m.raft()).append(", api: ").append(m.api()).append(" }\n"));
        return "node-id: " + id.value() + "\ncluster-id: " + c.clusterId() + "\ndata-dir: " + c.dataDir() + "\n"
                + "raft: { bind: " + c.raftBind() + " }\napi: { bind: " + c.apiBind() + " }\nmembers:\n" + members;
    }

    private static HttpResponse<String> put(String base, String key, String value) throws Exception {
        return Http.send("PUT", base + "/v1/kv/" + key, value);
    }

    private static HttpResponse<String> get(String base, String key) throws Exception {
        return Http.send("GET", base + "/v1/kv/" + key, null);
    }
}
