package io.kairos.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kairos.raft.NodeId;
import io.kairos.server.LocalCluster;
import io.kairos.storage.SnapshotTrigger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against three real masters in this JVM (loopback, real ports, real data directories). */
class KairosClientClusterTest {

    @TempDir
    Path dir;

    private LocalCluster cluster;
    private final List<KairosClient> clients = new ArrayList<>();

    @AfterEach
    void tearDown() {
        clients.forEach(KairosClient::close);
        if (cluster != null) {
            cluster.close();
            assertThat(cluster.fatalErrors).isEmpty();
        }
    }

    @Test
    void writesSentToAFollowerReachTheLeaderThroughTheClientsOwnRedirects() {
        NodeId leader = startCluster();
        NodeId follower = other(leader);
        KairosClient client = client(List.of(uri(follower)), Duration.ofSeconds(10));

        client.put("greeting", bytes("hello"));

        assertThat(client.get("greeting")).hasValueSatisfying(v -> assertThat(text(v)).isEqualTo("hello"));
        assertThat(client.get("absent")).isEmpty();
        ClusterStatus status = client.cluster();
        assertThat(status.isLeader()).as("the client asks the leader it learned from the redirect").isTrue();
        assertThat(status.node()).isEqualTo(leader.value());
        assertThat(status.leaderUri()).hasValue(uri(leader));
        assertThat(status.membership().voters()).containsExactly(1, 2, 3);
        assertThat(status.followers()).hasSize(2);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(client.getStale("greeting")).hasValueSatisfying(v -> assertThat(text(v)).isEqualTo("hello")));
    }

    @Test
    void keysAreEncodedSoThatAnyUnicodeKeyWithoutSlashRoundTrips() {
        startCluster();
        KairosClient client = client(allMasters(), Duration.ofSeconds(10));
        String key = "ünï cødé %2F +&?#=;:";

        client.put(key, bytes("v"));

        assertThat(client.get(key)).hasValueSatisfying(v -> assertThat(text(v)).isEqualTo("v"));
    }

    @Test
    void aClientWhoseMasterListStartsWithADeadAddressStillWorks() {
        startCluster();
        List<URI> masters = new ArrayList<>();
        masters.add(URI.create("http://127.0.0.1:" + LocalCluster.freePort()));
        masters.addAll(allMasters());
        KairosClient client = client(masters, Duration.ofSeconds(10));

        client.put("k", bytes("v"));
        client.append("k", bytes("w"));

        assertThat(client.get("k")).hasValueSatisfying(v -> assertThat(text(v)).isEqualTo("vw"));
    }

    @Test
    void whenTheLeaderStopsMidStreamTheClientContinuesAndEveryAcknowledgedWriteIsAppliedExactlyOnce()
            throws Exception {
        NodeId leader = startCluster();
        KairosClient client = client(allMasters(), Duration.ofSeconds(15));
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Map<String, Throwable> failed = new ConcurrentHashMap<>();
        Semaphore window = new Semaphore(32);
        List<CompletableFuture<Void>> writes = new ArrayList<>();

        for (int i = 0; i < 400; i++) {
            if (i == 150) {
                await().atMost(Duration.ofSeconds(10)).until(() -> acknowledged.size() >= 100);
                cluster.stop(leader);
            }
            assertThat(window.tryAcquire(20, TimeUnit.SECONDS)).isTrue();
            String token = "t" + i;
            writes.add(client.appendAsync("log", bytes(token + ";")).whenComplete((ok, error) -> {
                window.release();
                if (error == null) {
                    acknowledged.add(token);
                } else {
                    failed.put(token, error);
                }
            }));
        }
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).exceptionally(e -> null)
                .get(30, TimeUnit.SECONDS);

        assertThat(failed).as("no write failed: the client rode out the election").isEmpty();
        String log = text(client.get("log").orElseThrow());
        Map<String, Integer> count = new HashMap<>();
        for (String t : log.split(";")) {
            count.merge(t, 1, Integer::sum);
        }
        assertThat(count).as("no token applied twice").allSatisfy((t, n) -> assertThat(n).as(t).isEqualTo(1));
        assertThat(count.keySet()).containsAll(acknowledged).hasSize(400);
        assertThat(cluster.awaitLeader()).isNotEqualTo(leader);
    }

    @Test
    void withTwoOfThreeMastersStoppedAWriteFailsAtTheDeadlineNamingEveryMaster() {
        NodeId leader = startCluster();
        cluster.stop(leader);
        cluster.stop(other(leader));
        KairosClient client = KairosClient.builder().masters(allMasters()).requestTimeout(Duration.ofMillis(700))
                .deadline(Duration.ofSeconds(2)).build();
        clients.add(client);

        long start = System.nanoTime();
        assertThatThrownBy(() -> client.put("k", bytes("v")))
                .isInstanceOfSatisfying(KairosUnavailableException.class, e -> {
                    assertThat(e.lastErrorByMaster()).containsOnlyKeys(allMasters());
                    assertThat(e.lastErrorByMaster().values()).doesNotContain("not tried");
                })
                .hasMessageContainingAll(cluster.apiUrl(NodeId.of(1)), cluster.apiUrl(NodeId.of(2)),
                        cluster.apiUrl(NodeId.of(3)), "quorum", "PUT /v1/kv/k");
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(elapsedMillis).isBetween(1_900L, 6_000L);
    }

    @Test
    void aKeyWithASlashIsRejectedAtOnceWithTheServersError() {
        startCluster();
        KairosClient client = client(allMasters(), Duration.ofSeconds(20));

        long start = System.nanoTime();
        assertThatThrownBy(() -> client.put("a/b", bytes("v")))
                .isInstanceOfSatisfying(KairosRequestException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.errorCode()).isEqualTo("invalid_key");
                    assertThat(e.serverMessage()).contains("a/b");
                });
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("no retries until the deadline")
                .isLessThan(5_000);
    }

    private NodeId startCluster() {
        cluster = new LocalCluster(dir, 3, SnapshotTrigger.Policy.defaults());
        cluster.startAll();
        return cluster.awaitLeader();
    }

    private KairosClient client(List<URI> masters, Duration deadline) {
        KairosClient client = KairosClient.builder().masters(masters).requestTimeout(Duration.ofSeconds(6))
                .deadline(deadline).build();
        clients.add(client);
        return client;
    }

    private NodeId other(NodeId leader) {
        return cluster.ids().stream().filter(id -> !id.equals(leader)).findFirst().orElseThrow();
    }

    private URI uri(NodeId id) {
        return URI.create(cluster.apiUrl(id));
    }

    private List<URI> allMasters() {
        return cluster.ids().stream().map(this::uri).toList();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
