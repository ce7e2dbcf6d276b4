package io.kairos.server;

import io.kairos.raft.NodeId;
import io.kairos.scheduler.command.Command;
import io.kairos.scheduler.job.JobSpec;
import io.kairos.scheduler.job.Schedule;
import io.kairos.scheduler.job.Task;
import io.kairos.server.config.Member;
import io.kairos.server.config.ServerConfig;
import io.kairos.server.config.Timing;
import io.kairos.server.loop.FatalErrorHandler;
import io.kairos.server.master.MasterStateMachine;
import io.kairos.storage.SnapshotTrigger;
import io.kairos.transport.PeerAddress;
import io.kairos.transport.TlsConfig;
import io.kairos.worker.WorkerAgent;
import io.kairos.worker.WorkerConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The three masters and the worker of {@code kairos dev}: one process, loopback ports, a data
 * directory each under one root. The worker runs shell jobs (this is a developer's own machine),
 * and a sample job says hello every five seconds unless asked not to.
 */
public final class DevCluster implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DevCluster.class);

    /** The sample job's id. */
    public static final String SAMPLE_JOB = "hello";

    private final Map<NodeId, Member> members;
    private final List<KairosServer> servers;
    private WorkerAgent worker;

    private DevCluster(Map<NodeId, Member> members, List<KairosServer> servers) {
        this.members = members;
        this.servers = servers;
    }

    /**
     * Starts masters n1-n3 with API ports {@code apiPort..apiPort+2} and peer ports
     * {@code raftPort..raftPort+2}, bootstrapping {@code root} on first use and reusing it after,
     * then the worker {@code dev-worker}; creates the sample job on first use if {@code sampleJob}.
     */
    public static DevCluster start(Path root, int apiPort, int raftPort, boolean sampleJob, FatalErrorHandler onFatal)
            throws IOException {
        Map<NodeId, Member> members = new TreeMap<>();
        for (int i = 0; i < 3; i++) {
            NodeId id = NodeId.of(i + 1);
            members.put(id, new Member(id, new PeerAddress("127.0.0.1", raftPort + i),
                    new PeerAddress("127.0.0.1", apiPort + i)));
        }
        List<KairosServer> servers = new ArrayList<>();
        DevCluster cluster = new DevCluster(members, servers);
        try {
            for (Member m : members.values()) {
                ServerConfig config = new ServerConfig(m.id(), "kairos-dev", m.raft(), m.raft(), m.api(), m.api(),
                        members, root.resolve("n" + m.id().value()), Timing.DEFAULT, TlsConfig.DISABLED,
                        SnapshotTrigger.Policy.defaults());
                servers.add(KairosServer.start(config, new MasterStateMachine(), KairosServer.Options.defaults(true, onFatal)));
            }
            List<URI> masters = members.values().stream().map(m -> URI.create("http://" + m.api())).toList();
            cluster.worker = new WorkerAgent(WorkerConfig.builder("dev-worker", masters).capacity(4)
                    .shellEnabled(true).dataDir(root.resolve("worker")).drainTimeout(Duration.ofSeconds(5)).build());
            cluster.worker.start();
            if (sampleJob) {
                cluster.createSampleJob();
            }
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** Without the sample job's choice: with it. */
    public static DevCluster start(Path root, int apiPort, int raftPort, FatalErrorHandler onFatal) throws IOException {
        return start(root, apiPort, raftPort, true, onFatal);
    }

    /** Creates the sample job through the leader, once; a restart finds it already there. */
    private void createSampleJob() {
        JobSpec spec = JobSpec.builder(new Schedule.Cron("*/5 * * * * ?", "UTC"))
                .task(new Task.Shell(List.of("sh", "-c",
                        "echo \"hello from $KAIROS_JOB_ID, scheduled at $KAIROS_SCHEDULED_TIME, attempt $KAIROS_ATTEMPT\"")))
                .historySize(20).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            for (KairosServer s : servers) {
                if (s.loop().leadingTerm() < 0) {
                    continue;
                }
                try {
                    s.scheduler().propose(new Command.CreateJob(SAMPLE_JOB, spec)).get(5, TimeUnit.SECONDS);
                    return; // created, or it already exists from an earlier run
                } catch (Exception e) {
                    log.debug("sample job not created yet: {}", e.toString());
                }
            }
            try {
                Thread.sleep(100); // waiting for the first election of a process that just started
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        log.warn("no leader within 30 s: the sample job was not created");
    }

    public Map<NodeId, Member> members() {
        return members;
    }

    public List<KairosServer> servers() {
        return List.copyOf(servers);
    }

    public WorkerAgent worker() {
        return worker;
    }

    @Override
    public synchronized void close() {
        if (worker != null) {
            worker.close();
            worker = null;
        }
        servers.forEach(KairosServer::close);
        servers.clear();
    }
}
