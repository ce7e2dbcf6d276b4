package io.kairos.server;

import io.kairos.raft.NodeId;
import io.kairos.raft.RaftConfig;
import io.kairos.raft.RaftNode;
import io.kairos.server.config.ServerConfig;
import io.kairos.server.http.ApiServer;
import io.kairos.server.loop.FatalErrorHandler;
import io.kairos.server.loop.RaftLoop;
import io.kairos.server.master.MasterStateMachine;
import io.kairos.server.metrics.MasterMetrics;
import io.kairos.server.sched.SchedulerService;
import java.time.Clock;
import io.kairos.storage.DurableStorage;
import io.kairos.storage.snapshot.SnapshotStore;
import io.kairos.storage.state.DataDirectory;
import io.kairos.storage.wal.WalOptions;
import io.kairos.transport.Transport;
import io.kairos.transport.TransportConfig;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running master: its data directory and durable storage, the Raft event loop and applier, the
 * peer transport and the HTTP API, started in that order and closed in reverse.
 */
public final class KairosServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KairosServer.class);

    /**
     * How to start.
     *
     * @param bootstrap whether this is the first start of a new cluster's initial member; ignored
     *     (with a log line) when the data directory already holds the cluster
     * @param loop the event loop's settings; null for the defaults of the configured tick
     * @param requestTimeout how long an API request may wait for the cluster
     * @param onFatal what to do when the node cannot go on safely
     * @param scheduler worker lease, heartbeat and proposal retry of the scheduler's leader duties
     */
    public record Options(boolean bootstrap, RaftLoop.Settings loop, Duration requestTimeout, FatalErrorHandler onFatal,
            SchedulerService.Settings scheduler) {

        public Options(boolean bootstrap, RaftLoop.Settings loop, Duration requestTimeout, FatalErrorHandler onFatal) {
            this(bootstrap, loop, requestTimeout, onFatal, SchedulerService.Settings.defaults());
        }

        public static Options defaults(boolean bootstrap, FatalErrorHandler onFatal) {
            return new Options(bootstrap, null, Duration.ofSeconds(5), onFatal);
        }
    }

    private final ServerConfig config;
    private final RaftLoop loop;
    private final Transport transport;
    private final ApiServer api;
    private final SchedulerService scheduler;

    private KairosServer(ServerConfig config, RaftLoop loop, Transport transport, ApiServer api,
            SchedulerService scheduler) {
        this.config = config;
        this.loop = loop;
        this.transport = transport;
        this.api = api;
        this.scheduler = scheduler;
    }

    /**
     * Opens the data directory (refusing one of another node or cluster), bootstraps it if asked,
     * recovers the storage, and starts serving.
     *
     * @throws NotBootstrappedException if the directory holds no cluster and bootstrap was not asked
     */
    public static KairosServer start(ServerConfig config, MasterStateMachine stateMachine, Options options)
            throws IOException {
        DataDirectory dir = DataDirectory.open(config.dataDir(), config.nodeId(), config.clusterId());
        DurableStorage storage;
        try {
            boolean bootstrapped = SnapshotStore.open(dir.snapshotDirectory()).latest().isPresent();
            if (!bootstrapped && !options.bootstrap()) {
                throw new NotBootstrappedException("data directory " + config.dataDir() + " holds no cluster yet. On the"
                        + " first start of a new cluster, start each initial member with --bootstrap; a node joining a"
                        + " running cluster is added by the leader (membership change) instead");
            }
            if (!bootstrapped) {
                log.info("bootstrapping {} as a member of new cluster '{}' with voters {}", config.nodeId(),
                        config.clusterId(), config.initialMembership().voters());
                DurableStorage.bootstrap(dir, config.initialMembership());
            } else if (options.bootstrap()) {
                log.info("data directory {} already holds cluster '{}': --bootstrap ignored", config.dataDir(),
                        config.clusterId());
            }
            storage = DurableStorage.open(dir, WalOptions.defaults());
        } catch (IOException | RuntimeException e) {
            dir.close();
            throw e;
        }
        RaftConfig raftConfig = RaftConfig.builder(config.nodeId(), new Random(new SecureRandom().nextLong()))
                .electionTimeoutTicks(config.timing().electionTicks())
                .heartbeatTicks(config.timing().heartbeatTicks())
                // The leader's lease ends this much before a follower could elect another leader,
                // covering clock-rate differences between machines (a fifth of the timeout).
                .leaseDriftMarginTicks(Math.max(1, config.timing().electionTicks() / 5))
                .preVote(true).checkQuorum(true).build();
        RaftNode raft = new RaftNode(raftConfig, storage);
        RaftLoop.Settings settings = options.loop() != null ? options.loop()
                : new RaftLoop.Settings(config.timing().tickMillis(), 16_384, 100_000, config.snapshots());
        AtomicReference<Transport> transportRef = new AtomicReference<>();
        RaftLoop loop = RaftLoop.create(raft, storage, stateMachine, settings,
                m -> transportRef.get() != null && transportRef.get().send(m), options.onFatal());
        MasterMetrics metrics = new MasterMetrics(config.nodeId().value());
        SchedulerService scheduler = new SchedulerService(loop, stateMachine, options.scheduler(), Clock.systemUTC(),
                metrics);
        Transport transport = null;
        try {
            TransportConfig transportConfig = TransportConfig.builder(config.nodeId(), config.clusterId(), config.raftBind())
                    .advertised(config.raftAdvertised()).peers(config.peers()).tls(config.tls())
                    .snapshots(config.dataDir().resolve("incoming-snapshots"), 1 << 20, 4).build();
            transport = Transport.start(transportConfig, () -> loop.membership(), loop::deliver);
            transportRef.set(transport);
            loop.start();
            ApiServer api = ApiServer.start(config.apiBind(), loop, config.members(), options.requestTimeout(),
                    scheduler, config.apiToken(), metrics);
            log.info("{} serving: raft on {} (advertised {}), API on {}, data in {}", config.nodeId(), config.raftBind(),
                    config.raftAdvertised(), config.apiBind(), config.dataDir());
            return new KairosServer(config, loop, transport, api, scheduler);
        } catch (IOException | RuntimeException e) {
            scheduler.close();
            if (transport != null) {
                transport.close();
            }
            if (loop.isRunning()) {
                loop.close();
            } else {
                closeStorage(storage);
            }
            throw e;
        }
    }

    public NodeId nodeId() {
        return config.nodeId();
    }

    public RaftLoop loop() {
        return loop;
    }

    public SchedulerService scheduler() {
        return scheduler;
    }

    public int apiPort() {
        return api.port();
    }

    public int raftPort() {
        return transport.port();
    }

    /** Stops taking requests, stops the loop (after its current turn) and the transport, closes the storage. */
    @Override
    public void close() {
        api.close();
        scheduler.close();
        loop.close();
        transport.close();
        log.info("{} stopped", config.nodeId());
    }

    private static void closeStorage(DurableStorage storage) {
        try {
            storage.close();
        } catch (IOException e) {
            log.warn("closing the storage failed: {}", e.toString());
        }
    }

    /** The data directory holds no cluster and the start did not ask to bootstrap one. */
    public static final class NotBootstrappedException extends IllegalStateException {
        public NotBootstrappedException(String message) {
            super(message);
        }
    }
}
