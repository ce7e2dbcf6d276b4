package io.kairos.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.kairos.raft.NodeId;
import io.kairos.storage.SnapshotTrigger;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kairos server} refuses to start on data it must not touch, with a message that says what to do. */
class ServerMainTest {

    @TempDir
    Path dir;

    @Test
    void aDataDirectoryOfAnotherClusterIsRefused() throws Exception {
        LocalCluster cluster = new LocalCluster(dir, 1, SnapshotTrigger.Policy.defaults());
        cluster.start(NodeId.of(1));
        cluster.close();
        String yaml = yaml(cluster).replace("cluster-id: test", "cluster-id: other");

        Result r = run(yaml, "--bootstrap");

        assertThat(r.exit).isEqualTo(2);
        assertThat(r.err).contains("belongs to cluster 'test', not to cluster 'other'");
    }

    @Test
    void anEmptyDataDirectoryNeedsBootstrap() throws Exception {
        LocalCluster cluster = new LocalCluster(dir, 1, SnapshotTrigger.Policy.defaults());

        Result r = run(yaml(cluster));

        assertThat(r.exit).isEqualTo(2);
        assertThat(r.err).contains("holds no cluster yet", "--bootstrap");
    }

    @Test
    void aBadConfigurationFileIsNamed() throws Exception {
        Result r = run("node-id: 1\nunknown: 2\n");
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.err).contains("node.yaml: unknown key 'unknown'");
    }

    private record Result(int exit, String err) {
    }

    private Result run(String yaml, String... extra) throws Exception {
        Path config = dir.resolve("node.yaml");
        Files.writeString(config, yaml);
        String[] args = new String[2 + extra.length];
        args[0] = "--config";
        args[1] = config.toString();
        System.arraycopy(extra, 0, args, 2, extra.length);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            return new Result(ServerMain.run(args), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(original);
        }
    }

    private static String yaml(LocalCluster cluster) {
        var c = cluster.config(NodeId.of(1));
        return "node-id: 1\ncluster-id: test\ndata-dir: " + c.dataDir() + "\nraft: { bind: " + c.raftBind()
                + " }\napi: { bind: " + c.apiBind() + " }\nmembers:\n  - { id: 1, raft: " + c.raftBind() + ", api: "
                + c.apiBind() + " }\n";
    }
}
