package io.kairos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kairos run list|get|log|cancel}. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Look at runs, fetch their logs, cancel them.")
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

    @Command(name = "list", description = "Every live run (queued, pending, assigned, running), over all jobs.")
    int list() {
        Table t = new Table("RUN", "JOB", "SCHEDULED", "ATTEMPT", "STATE", "WORKER");
        for (JsonNode r : masters.api().get("/v1/runs" + (stale ? "?stale=true" : ""))) {
            t.row(r.get("runId").asLong(), r.get("jobId").asText(), Table.instant(r.get("scheduledMillis")),
                    r.get("attempt").asInt(), r.get("state").asText(),
                    r.get("workerId").isNull() ? "-" : r.get("workerId").asText());
        }
        t.print(spec.commandLine().getOut());
        return 0;
    }

    @Command(name = "log", description = "The full output of the run's last attempt, fetched from its worker.")
    int log(@Parameters(paramLabel = "RUN_ID") long runId) {
        PrintWriter out = spec.commandLine().getOut();
        out.print(masters.api().sendForText("GET", "/v1/runs/" + runId + "/log", null));
        out.flush();
        return 0;
    }

    @Command(name = "cancel", description = "Stops a live run; its worker kills it on its next poll.")
    int cancel(@Parameters(paramLabel = "RUN_ID") long runId) {
        masters.api().send("POST", "/v1/runs/" + runId + "/cancel", null);
        PrintWriter out = spec.commandLine().getOut();
        out.println("cancelled run " + runId);
        out.flush();
        return 0;
    }
}
