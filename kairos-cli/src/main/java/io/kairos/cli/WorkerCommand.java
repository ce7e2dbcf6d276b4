package io.kairos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code kairos worker list}; running a worker is {@code kairos worker --masters ...} (the agent). */
@Command(name = "worker", mixinStandardHelpOptions = true, description = "Look at the registered workers.")
final class WorkerCommand {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    MasterOptions masters;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "print the API's JSON")
    boolean json;

    @Command(name = "list", description = "Every registered worker: tags, capacity, held attempts, lost or alive.")
    int list() {
        JsonNode workers = masters.api().get("/v1/workers");
        if (json) {
            spec.commandLine().getOut().println(JobCommand.pretty(workers));
            spec.commandLine().getOut().flush();
            return 0;
        }
        Table t = new Table("WORKER", "STATE", "HELD", "CAPACITY", "TAGS");
        for (JsonNode w : workers) {
            StringBuilder tags = new StringBuilder();
            w.get("tags").forEach(tag -> tags.append(tags.length() == 0 ? "" : ",").append(tag.asText()));
            t.row(w.get("workerId").asText(), w.get("lost").asBoolean() ? "lost" : "alive", w.get("held").asInt(),
                    w.get("capacity").asInt(), tags.length() == 0 ? "-" : tags);
        }
        t.print(spec.commandLine().getOut());
        return 0;
    }
}
