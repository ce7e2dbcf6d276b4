package io.kairos.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code kairos job|run|worker|cluster ...}: the command line against any master. */
@Command(name = "kairos", mixinStandardHelpOptions = true,
        description = "Manage Kairos jobs, runs, workers and the cluster through any master's API.",
        subcommands = {JobCommand.class, RunCommand.class, WorkerCommand.class, ClusterCommand.class},
        footer = {"", "Exit codes: 0 done, 1 the cluster refused or failed the request, 2 usage error."})
public final class KairosCli {

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs one command line, writing to {@code out} and {@code err}; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new KairosCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof CliException || e instanceof IllegalArgumentException) {
                cmd.getErr().println("kairos: " + e.getMessage());
                return 1;
            }
            throw e;
        });
        return cli.execute(args);
    }
}
