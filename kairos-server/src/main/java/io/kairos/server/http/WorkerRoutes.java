package io.kairos.server.http;

import io.kairos.api.worker.DeregisterResponse;
import io.kairos.api.worker.LogUpload;
import io.kairos.api.worker.PollRequest;
import io.kairos.api.worker.RegisterRequest;
import io.kairos.api.worker.RegisterResponse;
import io.kairos.api.worker.ReportRequest;
import io.kairos.scheduler.command.Command;
import io.kairos.server.sched.SchedulerService;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.concurrent.CompletableFuture;

/**
 * The worker protocol ({@code docs/worker-protocol.md}): {@code POST /v1/workers/register},
 * {@code POST /v1/workers/{id}/poll}, {@code .../reports}, {@code .../logs}, {@code .../deregister}. Only the
 * leader serves them; a follower redirects with 307 like any write. Bodies are parsed strictly:
 * unknown fields, missing required ones and invalid ids are a 400 naming the problem.
 */
final class WorkerRoutes {

    static final String PREFIX = "/v1/workers/";

    private final ApiRoutes api;
    private final SchedulerService scheduler;

    WorkerRoutes(ApiRoutes api, SchedulerService scheduler) {
        this.api = api;
        this.scheduler = scheduler;
    }

    CompletableFuture<FullHttpResponse> handle(HttpMethod method, String path, String rawUri, FullHttpRequest request) {
        String rest = path.substring(PREFIX.length());
        if (!method.equals(HttpMethod.POST)) {
            return ApiRoutes.done(api.methodNotAllowed(method, path, "POST"));
        }
        try {
            if (rest.equals("register")) {
                RegisterRequest body = body(request, RegisterRequest.class);
                return within(scheduler.register(body), rawUri,
                        term -> new RegisterResponse(term, scheduler.settings().leaseMillis(),
                                scheduler.settings().heartbeatMillis()));
            }
            int slash = rest.indexOf('/');
            if (slash > 0) {
                String workerId = rest.substring(0, slash);
                String action = rest.substring(slash + 1);
                if (!Command.ID.matcher(workerId).matches()) {
                    return bad("worker id must be 1 to 128 of [A-Za-z0-9._-], was '" + workerId + "'");
                }
                switch (action) {
                    case "poll" -> {
                        PollRequest body = body(request, PollRequest.class);
                        if (body.waitMillis() < 0 || body.waitMillis() > PollRequest.MAX_WAIT_MILLIS) {
                            return bad("waitMillis must be 0 to " + PollRequest.MAX_WAIT_MILLIS + ", was "
                                    + body.waitMillis());
                        }
                        // The long poll waits longer than other requests: no request timeout of its own.
                        return scheduler.poll(workerId, body).thenApply(r -> ApiRoutes.json(HttpResponseStatus.OK, r))
                                .exceptionally(e -> api.failure(e, rawUri));
                    }
                    case "reports" -> {
                        ReportRequest body = body(request, ReportRequest.class);
                        if (body.reports() == null) {
                            return bad("reports must be a list");
                        }
                        return within(scheduler.report(workerId, body.reports()), rawUri, r -> r);
                    }
                    case "logs" -> {
                        LogUpload body = body(request, LogUpload.class);
                        if (body.content() == null || body.content().length() > LogUpload.MAX_CHARS) {
                            return bad("content must be a string of at most " + LogUpload.MAX_CHARS + " characters");
                        }
                        scheduler.logUploaded(workerId, body);
                        return ApiRoutes.done(ApiRoutes.json(HttpResponseStatus.OK, java.util.Map.of("result",
                                "received")));
                    }
                    case "deregister" -> {
                        return within(scheduler.deregister(workerId), rawUri, DeregisterResponse::new);
                    }
                    default -> {
                    }
                }
            }
            return ApiRoutes.done(api.error(ApiError.of(HttpResponseStatus.NOT_FOUND, "not_found",
                    "no route POST " + path + "; the worker protocol has /v1/workers/register and"
                            + " /v1/workers/{id}/poll|reports|deregister")));
        } catch (IllegalArgumentException e) {
            return bad(e.getMessage());
        }
    }

    private <T, R> CompletableFuture<FullHttpResponse> within(CompletableFuture<T> future, String rawUri,
            java.util.function.Function<T, R> body) {
        return api.within(future).thenApply(t -> ApiRoutes.json(HttpResponseStatus.OK, body.apply(t)))
                .exceptionally(e -> api.failure(e, rawUri));
    }

    private CompletableFuture<FullHttpResponse> bad(String message) {
        return ApiRoutes.done(api.error(ApiError.of(HttpResponseStatus.BAD_REQUEST, "bad_request", message)));
    }

    private static <T> T body(FullHttpRequest request, Class<T> type) {
        return JobRoutes.body(request, type);
    }
}
