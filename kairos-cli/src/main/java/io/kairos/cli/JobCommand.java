package io.kairos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.kairos.api.job.CreateJobRequest;
import io.kairos.api.job.JobSpecJson;
import io.kairos.api.job.ScheduleSpec;
import io.kairos.api.job.TriggerRequest;
import io.kairos.api.job.UpdateJobRequest;
import io.kairos.api.worker.TaskSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kairos job list|get|create|update|delete|pause|resume|trigger|runs}. */
@Command(name = "job", mixinStandardHelpOptions = true, description = "Create, change and look at jobs.")
final class JobCommand {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    MasterOptions masters;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "print the API's JSON")
    boolean json;

    @Option(names = "--stale", scope = ScopeType.INHERIT, description = "reads: answer from the asked master's applied state")
    boolean stale;

    @Command(name = "list", description = "Every job: schedule, next fire, fired and skipped counts.")
    int list() {
        JsonNode jobs = masters.api().get("/v1/jobs" + staleQuery());
        if (json) {
            return print(jobs);
        }
        Table t = new Table("JOB", "VERSION", "SCHEDULE", "TASK", "NEXT FIRE", "PAUSED", "FIRED", "SKIPPED");
        for (JsonNode j : jobs) {
            t.row(j.get("jobId").asText(), j.get("version").asLong(), schedule(j.get("spec").get("schedule")),
                    j.get("spec").get("task").get("type").asText(), Table.instant(j.get("nextFireMillis")),
                    j.get("paused").asBoolean() ? "yes" : "no", j.get("firedCount").asLong(),
                    j.get("skippedFires").asLong());
        }
        t.print(out());
        return 0;
    }

    @Command(name = "get", description = "One job, with its full spec, as JSON.")
    int get(@Parameters(paramLabel = "JOB_ID") String jobId) {
        return print(masters.api().get("/v1/jobs/" + jobId + staleQuery()));
    }

    @Command(name = "create", description = "A new job, from options or from a JSON spec file (--file).")
    int create(@Parameters(paramLabel = "JOB_ID") String jobId, @Mixin SpecOptions options) {
        JsonNode written = masters.api().send("POST", "/v1/jobs", new CreateJobRequest(jobId, options.spec()));
        out().printf("created job %s (version %d)%n", jobId, written.get("version").asLong());
        out().flush();
        return 0;
    }

    @Command(name = "update", description = "Replaces a job's spec if it is still at --version (else 409).")
    int update(@Parameters(paramLabel = "JOB_ID") String jobId,
            @Option(names = "--version", required = true, description = "the version you read (kairos job get)")
            long version, @Mixin SpecOptions options) {
        JsonNode written = masters.api().send("PUT", "/v1/jobs/" + jobId, new UpdateJobRequest(version,
                options.spec()));
        out().printf("updated job %s (version %d)%n", jobId, written.get("version").asLong());
        out().flush();
        return 0;
    }

    @Command(name = "delete", description = "Removes a job and its runs.")
    int delete(@Parameters(paramLabel = "JOB_ID") String jobId) {
        masters.api().send("DELETE", "/v1/jobs/" + jobId, null);
        return said("deleted job " + jobId);
    }

    @Command(name = "pause", description = "Stops a job from firing; fires due meanwhile meet its misfire policy on resume.")
    int pause(@Parameters(paramLabel = "JOB_ID") String jobId) {
        masters.api().send("POST", "/v1/jobs/" + jobId + "/pause", null);
        return said("paused job " + jobId);
    }

    @Command(name = "resume", description = "Lets a paused job fire again.")
    int resume(@Parameters(paramLabel = "JOB_ID") String jobId) {
        masters.api().send("POST", "/v1/jobs/" + jobId + "/resume", null);
        return said("resumed job " + jobId);
    }

    @Command(name = "trigger", description = "Runs a job now, with parameters for its handler.")
    int trigger(@Parameters(paramLabel = "JOB_ID") String jobId,
            @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE", description = "a parameter (repeatable)")
            Map<String, String> params) {
        JsonNode written = masters.api().send("POST", "/v1/jobs/" + jobId + "/trigger",
                new TriggerRequest(params == null ? Map.of() : new TreeMap<>(params)));
        return said("triggered job " + jobId + ": run " + written.get("runId").asLong());
    }

    @Command(name = "runs", description = "A job's kept runs, oldest first.")
    int runs(@Parameters(paramLabel = "JOB_ID") String jobId) {
        JsonNode runs = masters.api().get("/v1/jobs/" + jobId + "/runs" + staleQuery());
        if (json) {
            return print(runs);
        }
        Table t = new Table("RUN", "SCHEDULED", "ATTEMPT", "STATE", "WORKER", "EXIT", "CAUSE");
        for (JsonNode r : runs) {
            t.row(r.get("runId").asLong(), Table.instant(r.get("scheduledMillis")), r.get("attempt").asInt(),
                    r.get("state").asText(), r.get("workerId").isNull() ? "-" : r.get("workerId").asText(),
                    r.get("exitCode").isNull() ? "-" : r.get("exitCode").asInt(),
                    r.get("cause").asText().isEmpty() ? "-" : r.get("cause").asText());
        }
        t.print(out());
        return 0;
    }

    private String staleQuery() {
        return stale ? "?stale=true" : "";
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private int said(String line) {
        out().println(line);
        out().flush();
        return 0;
    }

    private int print(JsonNode node) {
        out().println(pretty(node));
        out().flush();
        return 0;
    }

    static String pretty(JsonNode node) {
        try {
            return ApiCall.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(node);
        } catch (IOException e) {
            return node.toString();
        }
    }

    private static String schedule(JsonNode s) {
        return switch (s.get("type").asText()) {
            case "cron" -> "cron '" + s.get("expression").asText() + "' " + s.get("zone").asText();
            case "fixedRate" -> "every " + s.get("periodMillis").asLong() + " ms";
            case "fixedDelay" -> s.get("delayMillis").asLong() + " ms after each run";
            case "oneShot" -> "once at " + Table.instant(s.get("atMillis"));
            default -> "on demand";
        };
    }

    /** A job spec from options, or from a JSON file (then no other spec option may be given). */
    static final class SpecOptions {

        @ArgGroup(exclusive = true, multiplicity = "1", heading = "When it fires (one of):%n")
        When when;

        @ArgGroup(exclusive = true, multiplicity = "0..1", heading = "What it runs (one of):%n")
        What what;

        @Option(names = "--zone", paramLabel = "ZONE", description = "the cron's IANA time zone (default UTC)")
        String zone;

        @Option(names = "--start", paramLabel = "INSTANT", description = "no fire before, e.g. 2026-12-01T00:00:00Z")
        String start;

        @Option(names = "--end", paramLabel = "INSTANT", description = "no fire after")
        String end;

        @Option(names = "--group", paramLabel = "TAG", description = "only workers with this tag")
        String group;

        @Option(names = "--routing", paramLabel = "STRATEGY", description = "ROUND_ROBIN (default), LEAST_BUSY,"
                + " CONSISTENT_HASH, FIRST_HEALTHY, BROADCAST, SHARDING")
        String routing;

        @Option(names = "--shards", paramLabel = "N", description = "with SHARDING: runs per fire")
        Integer shards;

        @Option(names = "--timeout", paramLabel = "DURATION", description = "an attempt still running this long fails")
        String timeout;

        @Option(names = "--retries", paramLabel = "N", description = "retries after a failed attempt (default 0)")
        Integer retries;

        @Option(names = "--backoff", paramLabel = "DURATION", defaultValue = "1s",
                description = "first retry's wait, doubling, at most 64x (default ${DEFAULT-VALUE})")
        String backoff;

        @Option(names = "--misfire", paramLabel = "POLICY", description = "skip, once (default) or all:N")
        String misfire;

        @Option(names = "--overlap", paramLabel = "POLICY", description = "ALLOW (default), SKIP, QUEUE_ONE, CANCEL_RUNNING")
        String overlap;

        @Option(names = "--history", paramLabel = "N", description = "finished runs kept (default 100)")
        Integer history;

        @Option(names = "--failover", paramLabel = "POLICY", description = "REDISPATCH (default) or FAIL")
        String failover;

        static final class When {
            @Option(names = "--cron", paramLabel = "EXPR", description = "Quartz cron with seconds, e.g. '0/10 * * * * ?'")
            String cron;
            @Option(names = "--every", paramLabel = "DURATION", description = "fixed rate, e.g. 30s")
            String every;
            @Option(names = "--delay", paramLabel = "DURATION", description = "fixed delay after each run ends")
            String delay;
            @Option(names = "--at", paramLabel = "INSTANT", description = "once, e.g. 2026-12-01T09:00:00Z")
            String at;
            @Option(names = "--on-demand", description = "only when triggered")
            boolean onDemand;
            @Option(names = "--file", paramLabel = "FILE", description = "the whole spec as JSON (the API's form)")
            Path file;
        }

        static final class What {
            @Option(names = "--shell", paramLabel = "COMMAND", description = "run with sh -c on a shell-enabled worker")
            String shell;
            @Option(names = "--http", paramLabel = "URL", description = "POST to this URL")
            String http;
            @Option(names = "--java", paramLabel = "HANDLER", description = "a Java handler the workers ship")
            String java;
        }

        JobSpecJson spec() {
            if (when.file != null) {
                try {
                    return ApiCall.JSON.readValue(when.file.toFile(), JobSpecJson.class);
                } catch (IOException e) {
                    throw new CliException("cannot read the spec file " + when.file + ": " + e.getMessage());
                }
            }
            if (what == null) {
                throw new IllegalArgumentException("say what the job runs: --shell, --http or --java");
            }
            ScheduleSpec schedule = when.cron != null ? new ScheduleSpec.Cron(when.cron, zone)
                    : when.every != null ? new ScheduleSpec.FixedRate(Durations.millis(when.every, "--every"))
                    : when.delay != null ? new ScheduleSpec.FixedDelay(Durations.millis(when.delay, "--delay"))
                    : when.at != null ? new ScheduleSpec.OneShot(instant(when.at, "--at"))
                    : new ScheduleSpec.OnDemand();
            TaskSpec task = what.shell != null ? new TaskSpec.Shell(List.of("sh", "-c", what.shell), "", Map.of())
                    : what.http != null ? new TaskSpec.Http("POST", what.http, Map.of(), "")
                    : new TaskSpec.Java(what.java);
            JobSpecJson.Target target = group == null && routing == null && shards == null ? null
                    : new JobSpecJson.Target(group, routing, shards);
            JobSpecJson.Retry retry = retries == null ? null : new JobSpecJson.Retry(retries + 1,
                    Durations.millis(backoff, "--backoff"), 64 * Durations.millis(backoff, "--backoff"));
            return new JobSpecJson(schedule, start == null ? null : instant(start, "--start"),
                    end == null ? null : instant(end, "--end"), misfire(), overlap, retry,
                    timeout == null ? null : Durations.millis(timeout, "--timeout"), target, history, task, failover);
        }

        private JobSpecJson.Misfire misfire() {
            if (misfire == null) {
                return null;
            }
            if (misfire.equals("skip")) {
                return new JobSpecJson.Misfire("SKIP", null);
            }
            if (misfire.equals("once")) {
                return new JobSpecJson.Misfire("FIRE_ONCE_NOW", null);
            }
            if (misfire.matches("all:\\d+")) {
                return new JobSpecJson.Misfire("FIRE_ALL_UP_TO", Integer.parseInt(misfire.substring(4)));
            }
            throw new IllegalArgumentException("--misfire takes skip, once or all:N; got '" + misfire + "'");
        }

        private static long instant(String text, String option) {
            try {
                return Instant.parse(text).toEpochMilli();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(option + " takes an ISO instant like 2026-12-01T09:00:00Z; got '"
                        + text + "'");
            }
        }
    }
}
