package io.kairos.server;

import io.kairos.raft.NodeId;
import io.kairos.server.admin.ForceMembership;
import io.kairos.server.config.ConfigException;
import io.kairos.server.config.ConfigFile;
import io.kairos.server.config.ServerConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kairos admin ...}: operator actions on a master's data directory. */
@Command(name = "kairos admin", mixinStandardHelpOptions = true, subcommands = AdminMain.ForceMembershipCommand.class,
        description = "Operator actions on a stopped master's data.")
public final class AdminMain implements Runnable {

    @Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        return new CommandLine(new AdminMain()).setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("kairos admin: " + e.getMessage());
            return 2;
        }).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "force-membership", mixinStandardHelpOptions = true,
            description = {"Quorum-loss recovery: make this stopped survivor the start of a new cluster with the given"
                    + " voters. Entries committed only on the lost masters are LOST; entries this node holds"
                    + " uncommitted become committed. Wipe the other old members before they rejoin."},
            footer = {"", "Exit codes: 0 done, 2 refused (nothing changed)."})
    static final class ForceMembershipCommand implements Callable<Integer> {

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--config", required = true, paramLabel = "FILE", description = "the survivor's node.yaml")
        Path config;

        @Option(names = "--voters", required = true, split = ",", paramLabel = "ID",
                description = "the new cluster's voters, this node included (comma-separated ids)")
        List<Integer> voters;

        @Option(names = "--confirm-data-loss", description = "required: acknowledges that committed entries may be lost")
        boolean confirmed;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            ServerConfig serverConfig;
            try {
                serverConfig = ConfigFile.read(config);
            } catch (ConfigException e) {
                err.println("kairos admin: " + e.getMessage());
                return 2;
            }
            Set<NodeId> ids = new TreeSet<>();
            for (int v : voters) {
                if (v < 1) {
                    err.println("kairos admin: voter ids are positive, got " + v);
                    return 2;
                }
                ids.add(NodeId.of(v));
            }
            if (!confirmed) {
                err.println("kairos admin: WARNING: forcing a new membership on " + serverConfig.nodeId() + " may LOSE"
                        + " committed writes (those that reached only the lost masters). Stop this master first, then"
                        + " repeat the command with --confirm-data-loss. Nothing was changed.");
                return 2;
            }
            ForceMembership.Outcome outcome = ForceMembership.apply(serverConfig, ids, System.getProperty("user.name"));
            out.println("forced membership " + outcome.before() + " -> " + outcome.after() + " at index "
                    + outcome.configIndex() + " in term " + outcome.term() + "; recorded in "
                    + serverConfig.dataDir().resolve("audit.log"));
            out.println("Start the master again; wipe the data of the other old members before they rejoin.");
            return 0;
        }
    }
}
