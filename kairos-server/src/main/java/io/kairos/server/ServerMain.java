package io.kairos.server;

import io.kairos.server.master.MasterStateMachine;
import io.kairos.server.config.ConfigException;
import io.kairos.server.config.ConfigFile;
import io.kairos.server.config.ServerConfig;
import io.kairos.storage.state.DataDirectoryLockedException;
import io.kairos.storage.state.IncompatibleDataDirectoryException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kairos server}: one master, until SIGTERM (or SIGINT) stops it cleanly. */
@Command(name = "kairos server", mixinStandardHelpOptions = true,
        description = "Run one Kairos master.",
        footer = {"", "Exit codes: 0 stopped cleanly, 2 usage or configuration error, 70 fatal error."})
public final class ServerMain implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(ServerMain.class);

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "the node's YAML configuration")
    Path config;

    @Option(names = "--bootstrap", description = "first start of a new cluster's initial member: record the"
            + " members of the configuration as the initial voters (ignored once the data directory holds the cluster)")
    boolean bootstrap;

    @Option(names = "--api-token-file", paramLabel = "FILE", description = "a file whose first line is the bearer"
            + " token every API call must carry (required when the API binds to a non-loopback address; overrides"
            + " api.token-file)")
    Path apiTokenFile;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        return new CommandLine(new ServerMain()).setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("kairos server: " + e.getMessage());
            return 2;
        }).execute(args);
    }

    @Override
    public Integer call() throws Exception {
        ServerConfig serverConfig;
        try {
            serverConfig = ConfigFile.read(config, apiTokenFile);
        } catch (ConfigException e) {
            System.err.println("kairos server: " + e.getMessage());
            return 2;
        }
        KairosServer server;
        try {
            server = KairosServer.start(serverConfig, new MasterStateMachine(),
                    KairosServer.Options.defaults(bootstrap, ServerMain::halt));
        } catch (KairosServer.NotBootstrappedException | DataDirectoryLockedException
                | IncompatibleDataDirectoryException e) {
            System.err.println("kairos server: " + e.getMessage());
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("{} shutting down", serverConfig.nodeId());
            server.close();
            stopped.countDown();
        }, "kairos-shutdown"));
        stopped.await();
        return 0;
    }

    /** A master that cannot go on safely stops at once: no more votes, no more answers. */
    private static void halt(String what, Throwable cause) {
        log.error("FATAL: {}; stopping the process", what, cause);
        Runtime.getRuntime().halt(70);
    }
}
