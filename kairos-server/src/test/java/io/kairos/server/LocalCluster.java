package io.kairos.server;

import io.kairos.server.master.MasterStateMachine;
import io.kairos.server.sched.SchedulerService;
import static org.awaitility.Awaitility.await;

import io.kairos.raft.NodeId;
import io.kairos.raft.Role;
import io.kairos.server.config.Member;
import io.kairos.server.config.ServerConfig;
import io.kairos.server.config.Timing;
import io.kairos.server.loop.NodeStatus;
import io.kairos.server.loop.RaftLoop;
import io.kairos.storage.SnapshotTrigger;
import io.kairos.transport.PeerAddress;
import io.kairos.transport.TlsConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Masters in this JVM on loopback, each with its own data directory and real TCP ports: for
 * tests of the event loop, the API and recovery without child processes.
 */
public final class LocalCluster implements AutoCloseable {

    public static final Timing FAST = new Timing(20, 10, 1);

    private final Path root;
    private final Map<NodeId, Member> members = new TreeMap<>();
    private final Map<NodeId, KairosServer> running = new HashMap<>();
    private final SnapshotTrigger.Policy snapshots;
    public final List<String> fatalErrors = new ArrayList<>();

    /** Requests and messages each master's event loop queues before it answers busy. */
    private int inboxCapacity = 16_384;

    public LocalCluster withInboxCapacity(int capacity) {
        this.inboxCapacity = capacity;
        return this;
    }

    /** Short worker leases, so that tests see failover in about a second. */
    public static final SchedulerService.Settings FAST_SCHEDULER = new SchedulerService.Settings(1_500, 300, 500);

    private final SchedulerService.Settings scheduler = FAST_SCHEDULER;

    private io.kairos.server.config.ApiToken apiToken;

    /** Every API call must then carry this bearer token. */
    public LocalCluster withApiToken(io.kairos.server.config.ApiToken token) {
        this.apiToken = token;
        return this;
    }

    public LocalCluster(Path root, int size, SnapshotTrigger.Policy snapshots) {
        this.root = root;
        this.snapshots = snapshots;
        for (int i = 1; i <= size; i++) {
            members.put(NodeId.of(i), new Member(NodeId.of(i), new PeerAddress("127.0.0.1", freePort()),
                    new PeerAddress("127.0.0.1", freePort())));
        }
    }

    public ServerConfig config(NodeId id) {
        Member m = members.get(id);
        return new ServerConfig(id, "test", m.raft(), m.raft(), m.api(), m.api(), members, root.resolve("n" + id.value()),
                FAST, TlsConfig.DISABLED, snapshots, apiToken);
    }

    public KairosServer start(NodeId id) {
        try {
            KairosServer server = KairosServer.start(config(id), new MasterStateMachine(), new KairosServer.Options(true,
                    new RaftLoop.Settings(FAST.tickMillis(), inboxCapacity, 100_000, snapshots), Duration.ofSeconds(3),
                    (what, cause) -> {
                        synchronized (fatalErrors) {
                            fatalErrors.add(id + ": " + what + ": " + cause);
                        }
                    }, scheduler));
            running.put(id, server);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void startAll() {
        members.keySet().forEach(this::start);
    }

    public void stop(NodeId id) {
        KairosServer server = running.remove(id);
        if (server != null) {
            server.close();
        }
    }

    public KairosServer server(NodeId id) {
        return running.get(id);
    }

    public String apiUrl(NodeId id) {
        return "http://" + members.get(id).api();
    }

    public NodeStatus status(NodeId id) {
        try {
            return running.get(id).loop().status().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("no status from " + id, e);
        }
    }

    /** Waits until every running master follows one leader in one term, and returns it. */
    public NodeId awaitLeader() {
        NodeId[] leader = new NodeId[1];
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> {
            NodeId candidate = null;
            long term = -1;
            for (NodeId id : running.keySet()) {
                NodeStatus s = status(id);
                if (s.leader() == null || (candidate != null && (!candidate.equals(s.leader()) || term != s.term()))) {
                    return false;
                }
                candidate = s.leader();
                term = s.term();
            }
            if (candidate == null || !running.containsKey(candidate) || status(candidate).role() != Role.LEADER) {
                return false;
            }
            leader[0] = candidate;
            return true;
        });
        return leader[0];
    }

    public List<NodeId> ids() {
        return List.copyOf(members.keySet());
    }

    @Override
    public void close() {
        new ArrayList<>(running.keySet()).forEach(this::stop);
    }

    /** Below Linux's ephemeral range (32768-60999), where the kernel picks client ports. */
    private static final int FIRST_PORT = 20_000;
    private static final int LAST_PORT = 32_000;
    private static final java.util.concurrent.atomic.AtomicInteger NEXT_PORT =
            new java.util.concurrent.atomic.AtomicInteger(FIRST_PORT
                    + java.util.concurrent.ThreadLocalRandom.current().nextInt(LAST_PORT - FIRST_PORT));

    /**
     * A port that is free now, for a server a test starts a little later. Taken below the ephemeral
     * range (a port the kernel hands out with {@code bind(0)} may meanwhile become the local port of
     * some outgoing connection, and the server's bind then fails), walking from a random start so
     * that tests running one after another do not reuse each other's ports.
     */
    public static int freePort() {
        for (int attempt = 0; attempt < LAST_PORT - FIRST_PORT; attempt++) {
            int port = NEXT_PORT.getAndUpdate(p -> p + 1 >= LAST_PORT ? FIRST_PORT : p + 1);
            try (ServerSocket socket = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException taken) {
                // try the next one
            }
        }
        throw new IllegalStateException("no free port in [" + FIRST_PORT + ", " + LAST_PORT + ")");
    }

    /** A port p with p, p+1 and p+2 free and not overlapping {@code other}'s block. */
    public static int freeBlockOfThree(int other) {
        for (int attempt = 0; attempt < 100; attempt++) {
            int p = freePort();
            if (p + 2 > 65535 || (other >= 0 && Math.abs(p - other) < 3)) {
                continue;
            }
            try (java.net.ServerSocket a = new java.net.ServerSocket(p + 1);
                    java.net.ServerSocket b = new java.net.ServerSocket(p + 2)) {
                return p;
            } catch (java.io.IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no block of three free ports found");
    }
}
