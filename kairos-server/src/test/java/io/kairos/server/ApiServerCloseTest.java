package io.kairos.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.kairos.raft.NodeId;
import io.kairos.storage.SnapshotTrigger;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stopped master closes the connections it accepted. It once left them open: in one JVM (tests,
 * {@code kairos dev} restarted) a client's kept-alive connection then took requests nobody read,
 * and hung until the client's timeout (seen in CI as DevClusterTest's read after a restart).
 */
class ApiServerCloseTest {

    @TempDir
    Path dir;

    @Test
    void closingMastersClosesTheirKeptAliveConnections() throws Exception {
        try (LocalCluster cluster = new LocalCluster(dir, 3, SnapshotTrigger.Policy.defaults())) {
            cluster.startAll();
            cluster.awaitLeader();
            List<Socket> sockets = new ArrayList<>();
            try {
                for (NodeId id : cluster.ids()) {
                    for (String path : List.of("/health", "/v1/kv/nothing", "/v1/jobs")) {
                        sockets.add(keptAlive(URI.create(cluster.apiUrl(id)), path));
                    }
                }
                cluster.ids().forEach(cluster::stop);
                for (Socket socket : sockets) {
                    assertThat(socket.getInputStream().read()).as("end of stream once its master stopped")
                            .isEqualTo(-1);
                }
            } finally {
                for (Socket socket : sockets) {
                    socket.close();
                }
            }
        }
    }

    /** A connection that asked {@code path} once, read the whole answer, and stays open. */
    private static Socket keptAlive(URI api, String path) throws Exception {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(api.getHost(), api.getPort()), 2_000);
        socket.setSoTimeout(5_000); // a read that never ends fails the test instead of hanging it
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: " + api.getAuthority() + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        String head = readHead(in);
        assertThat(head).startsWith("HTTP/1.1 ").doesNotContainIgnoringCase("connection: close");
        int length = Integer.parseInt(head.replaceAll("(?is).*content-length:\\s*(\\d+).*", "$1"));
        assertThat(in.readNBytes(length)).hasSize(length);
        return socket;
    }

    private static String readHead(InputStream in) throws Exception {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }
}
