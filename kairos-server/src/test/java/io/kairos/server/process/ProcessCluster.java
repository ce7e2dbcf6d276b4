package io.kairos.server.process;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kairos.server.LocalCluster;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Three master JVMs on loopback, configured through node.yaml files like a real deployment. */
final class ProcessCluster implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(1)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    final List<MasterProcess> masters = new ArrayList<>();
    private final int[] apiPorts;

    ProcessCluster(Path dir, int size, String extraYaml) throws IOException {
        int[] raftPorts = new int[size];
        apiPorts = new int[size];
        for (int i = 0; i < size; i++) {
            raftPorts[i] = LocalCluster.freePort();
            apiPorts[i] = LocalCluster.freePort();
        }
        StringBuilder members = new StringBuilder("members:\n");
        for (int i = 0; i < size; i++) {
            members.append("  - { id: ").append(i + 1).append(", raft: 127.0.0.1:").append(raftPorts[i])
                    .append(", api: 127.0.0.1:").append(apiPorts[i]).append(" }\n");
        }
        for (int i = 0; i < size; i++) {
            String yaml = "node-id: " + (i + 1) + "\ncluster-id: process-test\ndata-dir: data/n" + (i + 1) + "\n"
                    + "raft: { bind: 127.0.0.1:" + raftPorts[i] + " }\n"
                    + "api: { bind: 127.0.0.1:" + apiPorts[i] + " }\n"
                    + members + extraYaml;
            Path config = dir.resolve("n" + (i + 1) + ".yaml");
            Files.writeString(config, yaml);
            masters.add(new MasterProcess(i + 1, config));
        }
    }

    void startAll() {
        masters.forEach(MasterProcess::start);
    }

    MasterProcess master(int id) {
        return masters.get(id - 1);
    }

    String url(int id) {
        return "http://127.0.0.1:" + apiPorts[id - 1];
    }

    List<String> urls() {
        List<String> urls = new ArrayList<>();
        for (int i = 1; i <= masters.size(); i++) {
            urls.add(url(i));
        }
        return urls;
    }

    /** {@code GET /v1/cluster} of one master, or empty if it does not answer. */
    Optional<JsonNode> status(int id) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url(id) + "/v1/cluster"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? Optional.of(JSON.readTree(r.body())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The leader every live master agrees on (same leader, same term), waiting for one. */
    Leader awaitLeader() {
        Leader[] found = new Leader[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            Integer leader = null;
            long term = -1;
            for (MasterProcess m : masters) {
                if (!m.isAlive()) {
                    continue;
                }
                Optional<JsonNode> s = status(m.id);
                if (s.isEmpty() || s.get().get("leader").isNull()) {
                    return false;
                }
                int l = s.get().get("leader").asInt();
                long t = s.get().get("term").asLong();
                if (leader != null && (leader != l || term != t)) {
                    return false;
                }
                leader = l;
                term = t;
            }
            if (leader == null || !master(leader).isAlive()) {
                return false;
            }
            found[0] = new Leader(leader, term);
            return true;
        });
        return found[0];
    }

    record Leader(int id, long term) {
    }

    /** A key's value as one master has applied it ({@code ?stale=true}), or null. */
    String staleValue(int id, String key) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url(id) + "/v1/kv/" + key + "?stale=true"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Override
    public void close() {
        for (MasterProcess m : masters) {
            if (m.isAlive()) {
                m.resume();
                m.kill();
            }
        }
    }

    String logs() {
        StringBuilder s = new StringBuilder();
        for (MasterProcess m : masters) {
            s.append("--- n").append(m.id).append(" ---\n").append(m.tailOfLog()).append('\n');
        }
        return s.toString();
    }
}
