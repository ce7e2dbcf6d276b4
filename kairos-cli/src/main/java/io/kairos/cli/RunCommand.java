package io.kairos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kairos run get RUN_ID}. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Look at one run.")
final class RunCommand {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    MasterOptions masters;

    @Option(names = "--stale", scope = ScopeType.INHERIT, description = "answer from the asked master's applied state (no round trip to the leader)")
    boolean stale;

    @Command(name = "get", description = "A run: state, attempt, worker, times, exit code and output tail.")
    int get(@Parameters(paramLabel = "RUN_ID") long runId) {
        JsonNode run = masters.api().get("/v1/runs/" + runId + (stale ? "?stale=true" : ""));
        PrintWriter out = spec.commandLine().getOut();
        out.println(JobCommand.pretty(run));
        out.flush();
        return 0;
    }
}
