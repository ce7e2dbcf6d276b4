package io.kairos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.net.URI;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code kairos cluster status}: each given master's own view. */
@Command(name = "cluster", mixinStandardHelpOptions = true, description = "Look at the masters.")
final class ClusterCommand {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    MasterOptions masters;

    @Command(name = "status", description = "Role, term, leader, commit and applied index of each master given"
            + " (--masters); unreachable ones are listed as such.")
    int status() {
        Table t = new Table("MASTER", "NODE", "ROLE", "TERM", "LEADER", "COMMIT", "APPLIED", "SNAPSHOT");
        int unreachable = 0;
        for (URI master : masters.masters) {
            MasterOptions one = new MasterOptions();
            one.masters = java.util.List.of(master);
            one.tokenFile = masters.tokenFile;
            try {
                JsonNode s = one.api().get("/v1/cluster");
                t.row(master, "n" + s.get("node").asInt(), s.get("role").asText(), s.get("term").asLong(),
                        s.get("leader").isNull() ? "-" : "n" + s.get("leader").asInt(), s.get("commitIndex").asLong(),
                        s.get("appliedIndex").asLong(), s.get("snapshotIndex").asLong());
            } catch (CliException e) {
                unreachable++;
                t.row(master, "-", "unreachable", "-", "-", "-", "-", "-");
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        t.print(out);
        return unreachable == masters.masters.size() ? 1 : 0;
    }
}
