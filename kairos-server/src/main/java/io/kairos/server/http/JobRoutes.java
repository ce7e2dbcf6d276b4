package io.kairos.server.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kairos.api.job.CreateJobRequest;
import io.kairos.api.job.JobWritten;
import io.kairos.api.job.TriggerRequest;
import io.kairos.api.job.UpdateJobRequest;
import io.kairos.scheduler.JobView;
import io.kairos.scheduler.Query;
import io.kairos.scheduler.QueryCodec;
import io.kairos.scheduler.command.Command;
import io.kairos.scheduler.command.Result;
import io.kairos.server.loop.RaftLoop;
import io.kairos.server.master.MasterStateMachine;
import io.kairos.server.sched.SchedulerService;
import io.netty.buffer.ByteBufInputStream;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The job API:
 *
 * <ul>
 *   <li>{@code GET /v1/jobs}, {@code POST /v1/jobs} (create: 201, 409 if the id exists);
 *   <li>{@code GET|PUT|DELETE /v1/jobs/{id}} (PUT carries the version it replaces: 409 when stale);
 *   <li>{@code POST /v1/jobs/{id}/pause|resume|trigger}, {@code GET /v1/jobs/{id}/runs};
 *   <li>{@code GET /v1/runs/{runId}}, {@code GET /v1/workers}.
 * </ul>
 *
 * Reads are linearizable (ReadIndex: a follower asks the leader for the index, then answers once it
 * has applied that far) unless {@code ?stale=true}, which any master answers at once from what it
 * has applied. Writes go to the leader; a follower forwards them there ({@link LeaderForwarder}).
 */
final class JobRoutes {

    static final String JOBS = "/v1/jobs";
    static final String RUNS = "/v1/runs/";
    static final String RUNS_LIST = "/v1/runs";
    static final String WORKERS = "/v1/workers";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private final ApiRoutes api;
    private final RaftLoop loop;
    private final SchedulerService scheduler;

    JobRoutes(ApiRoutes api, RaftLoop loop, SchedulerService scheduler) {
        this.api = api;
        this.loop = loop;
        this.scheduler = scheduler;
    }

    static boolean matches(String path) {
        return path.equals(JOBS) || path.startsWith(JOBS + "/") || path.startsWith(RUNS) || path.equals(RUNS_LIST)
                || path.equals(WORKERS);
    }

    CompletableFuture<FullHttpResponse> handle(HttpMethod method, String path, String rawUri, boolean stale,
            FullHttpRequest request) {
        try {
            if (path.equals(WORKERS)) {
                return method.equals(HttpMethod.GET) ? read(new Query.ListWorkers(), stale, rawUri,
                        bytes -> QueryCodec.decodeWorkers(bytes).stream().map(JobMapping::toJson).toList())
                        : ApiRoutes.done(api.methodNotAllowed(method, path, "GET"));
            }
            if (path.equals(RUNS_LIST)) {
                return method.equals(HttpMethod.GET) ? read(new Query.LiveRuns(), stale, rawUri,
                        bytes -> QueryCodec.decodeRuns(bytes).stream().map(JobMapping::toJson).toList())
                        : ApiRoutes.done(api.methodNotAllowed(method, path, "GET"));
            }
            if (path.startsWith(RUNS)) {
                String rest = path.substring(RUNS.length());
                int slash = rest.indexOf('/');
                long runId = runId(slash < 0 ? rest : rest.substring(0, slash));
                String action = slash < 0 ? "" : rest.substring(slash + 1);
                return switch (action) {
                    case "" -> method.equals(HttpMethod.GET)
                            ? readOne(new Query.RunById(runId), stale, rawUri, QueryCodec::decodeRuns,
                                    JobMapping::toJson, "no run " + runId
                                            + " (it never existed, or its job was deleted or its history trimmed)")
                            : ApiRoutes.done(api.methodNotAllowed(method, path, "GET"));
                    case "cancel" -> method.equals(HttpMethod.POST)
                            ? write(new Command.CancelRun(runId), rawUri, r -> r instanceof Result.Applied
                                    ? ApiRoutes.json(HttpResponseStatus.OK, java.util.Map.of("runId", runId, "result",
                                            "cancelled"))
                                    : r instanceof Result.NotFound
                                            ? api.error(ApiError.of(HttpResponseStatus.NOT_FOUND, "not_found",
                                                    "no run " + runId))
                                            : api.error(ApiError.of(HttpResponseStatus.CONFLICT, "already_ended",
                                                    ((Result.Rejected) r).reason())))
                            : ApiRoutes.done(api.methodNotAllowed(method, path, "POST"));
                    case "log" -> method.equals(HttpMethod.GET) ? log(runId, rawUri)
                            : ApiRoutes.done(api.methodNotAllowed(method, path, "GET"));
                    default -> ApiRoutes.done(api.error(ApiError.of(HttpResponseStatus.NOT_FOUND, "not_found",
                            "no route " + method + " " + path)));
                };
            }
            if (path.equals(JOBS)) {
                if (method.equals(HttpMethod.GET)) {
                    return read(new Query.ListJobs(), stale, rawUri,
                            bytes -> QueryCodec.decodeJobs(bytes).stream().map(JobMapping::toJson).toList());
                }
                if (method.equals(HttpMethod.POST)) {
                    CreateJobRequest body = body(request, CreateJobRequest.class);
                    Command.CreateJob c = new Command.CreateJob(body.jobId(), JobMapping.toSpec(body.spec()));
                    return write(c, rawUri, r -> r instanceof Result.Applied a
                            ? ApiRoutes.json(HttpResponseStatus.CREATED, new JobWritten(c.jobId(), a.value(), null,
                                    "created"))
                            : refusal(r, c.jobId()));
                }
                return ApiRoutes.done(api.methodNotAllowed(method, path, "GET, POST"));
            }
            String rest = path.substring(JOBS.length() + 1);
            int slash = rest.indexOf('/');
            String jobId = slash < 0 ? rest : rest.substring(0, slash);
            if (!Command.ID.matcher(jobId).matches()) {
                return bad("job id must be 1 to 128 of [A-Za-z0-9._-], was '" + jobId + "'");
            }
            String action = slash < 0 ? "" : rest.substring(slash + 1);
            return switch (action) {
                case "" -> job(method, path, rawUri, stale, jobId, request);
                case "runs" -> method.equals(HttpMethod.GET)
                        ? read(new Query.RunsOfJob(jobId), stale, rawUri,
                                bytes -> QueryCodec.decodeRuns(bytes).stream().map(JobMapping::toJson).toList())
                        : ApiRoutes.done(api.methodNotAllowed(method, path, "GET"));
                case "pause", "resume", "trigger" -> method.equals(HttpMethod.POST)
                        ? lifecycle(action, jobId, rawUri, request)
                        : ApiRoutes.done(api.methodNotAllowed(method, path, "POST"));
                default -> ApiRoutes.done(api.error(ApiError.of(HttpResponseStatus.NOT_FOUND, "not_found",
                        "no route " + method + " " + path)));
            };
        } catch (IllegalArgumentException e) {
            return bad(e.getMessage());
        }
    }

    private CompletableFuture<FullHttpResponse> job(HttpMethod method, String path, String rawUri, boolean stale,
            String jobId, FullHttpRequest request) {
        if (method.equals(HttpMethod.GET)) {
            return readOne(new Query.JobById(jobId), stale, rawUri, QueryCodec::decodeJobs, JobMapping::toJson,
                    "no job '" + jobId + "'");
        }
        if (method.equals(HttpMethod.PUT)) {
            UpdateJobRequest body = body(request, UpdateJobRequest.class);
            Command.UpdateJob c = new Command.UpdateJob(jobId, body.version(), JobMapping.toSpec(body.spec()));
            return write(c, rawUri, r -> r instanceof Result.Applied a
                    ? ApiRoutes.json(HttpResponseStatus.OK, new JobWritten(jobId, a.value(), null, "updated"))
                    : refusal(r, jobId));
        }
        if (method.equals(HttpMethod.DELETE)) {
            return write(new Command.DeleteJob(jobId), rawUri, r -> r instanceof Result.Applied
                    ? ApiRoutes.json(HttpResponseStatus.OK, new JobWritten(jobId, null, null, "deleted"))
                    : refusal(r, jobId));
        }
        return ApiRoutes.done(api.methodNotAllowed(method, path, "GET, PUT, DELETE"));
    }

    private CompletableFuture<FullHttpResponse> lifecycle(String action, String jobId, String rawUri,
            FullHttpRequest request) {
        Command c;
        if (action.equals("trigger")) {
            Map<String, String> params = request.content().readableBytes() == 0 ? Map.of()
                    : body(request, TriggerRequest.class).params();
            c = new Command.TriggerJob(jobId, new TreeMap<>(params == null ? Map.of() : params));
        } else {
            c = action.equals("pause") ? new Command.PauseJob(jobId) : new Command.ResumeJob(jobId);
        }
        String done = action.equals("trigger") ? "triggered" : action.equals("pause") ? "paused" : "resumed";
        return write(c, rawUri, r -> r instanceof Result.Applied a
                ? ApiRoutes.json(action.equals("trigger") ? HttpResponseStatus.ACCEPTED : HttpResponseStatus.OK,
                        new JobWritten(jobId, null, action.equals("trigger") ? a.value() : null, done))
                : refusal(r, jobId));
    }

    /** The run's full log, fetched from its worker: text, with {@code Kairos-Log-Truncated} when cut. */
    private CompletableFuture<FullHttpResponse> log(long runId, String rawUri) {
        return api.within(scheduler.fetchLog(runId)).thenApply(upload -> {
            if (!upload.found()) {
                return api.error(ApiError.of(HttpResponseStatus.NOT_FOUND, "no_log", "the worker has no log of run "
                        + runId + " attempt " + upload.attempt() + " (it may have been cleaned up)"));
            }
            byte[] bytes = upload.content().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            FullHttpResponse response = new io.netty.handler.codec.http.DefaultFullHttpResponse(
                    io.netty.handler.codec.http.HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    io.netty.buffer.Unpooled.wrappedBuffer(bytes));
            response.headers().set(io.netty.handler.codec.http.HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
            response.headers().setInt(io.netty.handler.codec.http.HttpHeaderNames.CONTENT_LENGTH, bytes.length);
            response.headers().set("Kairos-Log-Truncated", Boolean.toString(upload.truncated()));
            response.headers().set("Kairos-Attempt", Integer.toString(upload.attempt()));
            return response;
        }).exceptionally(e -> {
            Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                    ? e.getCause() : e;
            if (cause instanceof io.kairos.server.sched.LogUnavailableException u) {
                return api.error(ApiError.of(HttpResponseStatus.NOT_FOUND, "no_log", u.getMessage()));
            }
            return api.failure(e, rawUri);
        });
    }

    private FullHttpResponse refusal(Result r, String jobId) {
        if (r instanceof Result.NotFound) {
            return api.error(ApiError.of(HttpResponseStatus.NOT_FOUND, "not_found", "no job '" + jobId + "'"));
        }
        if (r instanceof Result.Conflict c) {
            return api.error(ApiError.of(HttpResponseStatus.CONFLICT, "version_conflict", "job '" + jobId
                    + "' is at version " + c.currentVersion() + "; read it again and retry with that version"));
        }
        String reason = r instanceof Result.Rejected rej ? rej.reason() : r.toString();
        boolean exists = reason.endsWith("already exists");
        return api.error(ApiError.of(exists ? HttpResponseStatus.CONFLICT : HttpResponseStatus.BAD_REQUEST,
                exists ? "job_exists" : "rejected", reason));
    }

    private CompletableFuture<FullHttpResponse> write(Command c, String rawUri,
            Function<Result, FullHttpResponse> answer) {
        return api.within(scheduler.propose(c)).thenApply(answer).exceptionally(e -> api.failure(e, rawUri));
    }

    private CompletableFuture<FullHttpResponse> read(Query q, boolean stale, String rawUri,
            Function<byte[], Object> decode) {
        byte[] query = MasterStateMachine.scheduler(QueryCodec.encode(q));
        return api.within(stale ? loop.staleRead(query) : loop.read(query))
                .thenApply(bytes -> ApiRoutes.json(HttpResponseStatus.OK, decode.apply(bytes)))
                .exceptionally(e -> api.failure(e, rawUri));
    }

    private <V> CompletableFuture<FullHttpResponse> readOne(Query q, boolean stale, String rawUri,
            Function<byte[], List<V>> decode, Function<V, Object> toJson, String notFound) {
        byte[] query = MasterStateMachine.scheduler(QueryCodec.encode(q));
        return api.within(stale ? loop.staleRead(query) : loop.read(query)).thenApply(bytes -> {
            List<V> found = decode.apply(bytes);
            return found.isEmpty()
                    ? api.error(ApiError.of(HttpResponseStatus.NOT_FOUND, "not_found", notFound))
                    : ApiRoutes.json(HttpResponseStatus.OK, toJson.apply(found.get(0)));
        }).exceptionally(e -> api.failure(e, rawUri));
    }

    private CompletableFuture<FullHttpResponse> bad(String message) {
        return ApiRoutes.done(api.error(ApiError.of(HttpResponseStatus.BAD_REQUEST, "bad_request", message)));
    }

    private static long runId(String text) {
        try {
            long id = Long.parseLong(text);
            if (id >= 1) {
                return id;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("run id must be a positive whole number, was '" + text + "'");
    }

    static <T> T body(FullHttpRequest request, Class<T> type) {
        if (request.content().readableBytes() == 0) {
            throw new IllegalArgumentException("the request needs a JSON body: " + type.getSimpleName());
        }
        try {
            T value = JSON.readValue((InputStream) new ByteBufInputStream(request.content().duplicate()), type);
            if (value == null) {
                throw new IllegalArgumentException("the body must be a JSON object, was null");
            }
            return value;
        } catch (IOException e) {
            String detail = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new IllegalArgumentException("malformed " + type.getSimpleName() + " body: " + detail);
        }
    }
}
