package io.kairos.server;

import io.kairos.raft.NodeId;
import io.kairos.server.config.Member;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kairos dev}: a three-master cluster in one process, over real TCP on loopback with real
 * data directories (kept between runs), for trying Kairos on one machine. Not for production: the
 * three masters share one machine's fate.
 */
@Command(name = "kairos dev", mixinStandardHelpOptions = true,
        description = "Run a three-master Kairos cluster in this process, on loopback.")
public final class DevMain implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(DevMain.class);

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "kairos-dev-data",
            description = "where the masters keep their data, reused on restart (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--api-port", paramLabel = "PORT", defaultValue = "7701",
            description = "the first master's API port; the others take the next two (default: ${DEFAULT-VALUE})")
    int apiPort;

    @Option(names = "--raft-port", paramLabel = "PORT", defaultValue = "7711",
            description = "the first master's peer port; the others take the next two (default: ${DEFAULT-VALUE})")
    int raftPort;

    @Option(names = "--no-sample-job", description = "do not create the sample job 'hello' on first start")
    boolean noSampleJob;

    public static void main(String[] args) {
        System.exit(new CommandLine(new DevMain()).setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("kairos dev: " + e.getMessage());
            return 2;
        }).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path root = dataDir.toAbsolutePath().normalize();
        DevCluster cluster = DevCluster.start(root, apiPort, raftPort, !noSampleJob, (what, cause) -> {
            log.error("FATAL: {}", what, cause);
            Runtime.getRuntime().halt(70);
        });
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "kairos-dev-shutdown"));
        Map<NodeId, Member> members = cluster.members();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%nKairos dev cluster: 3 masters and worker 'dev-worker' (shell jobs enabled), data in %s%n", root);
        for (Member m : members.values()) {
            out.printf("  %s  API http://%s   peers %s%n", m.id(), m.api(), m.raft());
        }
        String api = "http://127.0.0.1:" + apiPort;
        out.printf("%nAPI: %s%nTry:%n"
                + "  curl -s %s/v1/cluster%n"
                + "  curl -s %s/v1/jobs/hello/runs        (the sample job, every 5 s)%n"
                + "  curl -s -L -X POST %s/v1/jobs -d '{\"jobId\":\"date\",\"spec\":{\"schedule\":{\"type\":\"fixedRate\","
                + "\"periodMillis\":10000},\"task\":{\"type\":\"shell\",\"command\":[\"date\"]}}}'%n"
                + "  curl -s %s/v1/workers%n"
                + "%nCtrl-C stops it; the data stays for the next start.%n", api, api, api, api, api);
        out.flush();
        new CountDownLatch(1).await();
        return 0;
    }
}
