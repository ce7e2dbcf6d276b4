package io.kairos.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kairos.raft.Membership;
import io.kairos.raft.NodeId;
import io.kairos.server.config.Member;
import io.kairos.server.kv.KvCommand;
import io.kairos.server.kv.KvStateMachine;
import io.kairos.server.loop.NodeStatus;
import io.kairos.server.loop.ProposalFailedException;
import io.kairos.server.loop.RaftLoop;
import io.kairos.server.master.MasterStateMachine;
import io.kairos.server.metrics.MasterMetrics;
import io.kairos.server.sched.SchedulerService;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The API's routes:
 *
 * <ul>
 *   <li>{@code GET /v1/cluster}: this master's view of the cluster (any master);
 *   <li>{@code /v1/jobs}, {@code /v1/runs}: the job API ({@link JobRoutes}); a follower forwards
 *       its writes to the leader ({@link LeaderForwarder});
 *   <li>{@code PUT /v1/kv/{key}} sets, {@code POST /v1/kv/{key}} appends the body (on the leader;
 *       a follower redirects with 307 to the leader's URL). Headers {@code Kairos-Client-Id} and
 *       {@code Kairos-Sequence} (both positive, the sequence one higher per new write of that
 *       client) make a retried write apply at most once;
 *   <li>{@code GET /v1/kv/{key}}: linearizable read on the leader (ReadIndex); with
 *       {@code ?stale=true} any master answers from what it has applied.
 * </ul>
 *
 * Errors are JSON {@code {"error": code, "message": ..., "leader": id, "leaderUrl": ...}} with a
 * precise status: 400 bad input, 404 unknown path or key, 405 wrong method, 413 too large, 503
 * with {@code Retry-After} when a retry may succeed (no leader, busy, timeout).
 */
final class ApiRoutes {

    static final String CLIENT_ID = "Kairos-Client-Id";
    static final String SEQUENCE = "Kairos-Sequence";
    private static final String KV = "/v1/kv/";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The API's OpenAPI 3 description, served at {@code /v1/openapi.yaml}. */
    static final byte[] OPENAPI = readOpenApi();

    private static byte[] readOpenApi() {
        try (var in = ApiRoutes.class.getResourceAsStream("openapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException("openapi.yaml is missing from the server's jar");
            }
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private final RaftLoop loop;
    private final Map<NodeId, Member> members;
    private final Duration timeout;
    private final WorkerRoutes workers;
    private final JobRoutes jobs;
    private final LeaderForwarder forwarder;

    private final MasterMetrics metrics;
    private final SchedulerService scheduler;

    ApiRoutes(RaftLoop loop, Map<NodeId, Member> members, Duration timeout, SchedulerService scheduler,
            MasterMetrics metrics) {
        this.metrics = metrics;
        this.scheduler = scheduler;
        this.loop = loop;
        this.members = Map.copyOf(members);
        this.timeout = timeout;
        this.workers = new WorkerRoutes(this, scheduler);
        this.jobs = new JobRoutes(this, loop, scheduler);
        // A little longer than the leader's own timeout, so that its 503 arrives rather than ours.
        this.forwarder = new LeaderForwarder(loop.id().toString(), timeout.plusSeconds(2));
    }

    /** Reads everything it needs from the request before returning: Netty releases it afterwards. */
    CompletableFuture<FullHttpResponse> handle(FullHttpRequest request) {
        String rawUri = request.uri();
        QueryStringDecoder uri = new QueryStringDecoder(rawUri);
        String path = uri.path();
        HttpMethod method = request.method();
        if (path.equals("/v1/cluster")) {
            if (!method.equals(HttpMethod.GET)) {
                return done(methodNotAllowed(method, path, "GET"));
            }
            return within(loop.status()).thenApply(this::clusterJson).exceptionally(e -> failure(e, rawUri));
        }
        if (path.equals("/metrics") || path.equals("/health") || path.equals("/ready")) {
            if (!method.equals(HttpMethod.GET)) {
                return done(methodNotAllowed(method, path, "GET"));
            }
            if (path.equals("/health")) {
                return done(json(HttpResponseStatus.OK, Map.of("status", "up", "node", loop.id().value())));
            }
            CompletableFuture<NodeStatus> status = within(loop.status());
            if (path.equals("/ready")) {
                return status.thenApply(this::readiness).exceptionally(e -> failure(e, rawUri));
            }
            return status.thenCombine(within(scheduler.stats()).exceptionally(e -> null), (s, stats) -> {
                metrics.update(s, stats);
                FullHttpResponse text = bytes(HttpResponseStatus.OK,
                        metrics.scrape().getBytes(StandardCharsets.UTF_8));
                text.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
                return text;
            }).exceptionally(e -> failure(e, rawUri));
        }
        if (path.equals("/v1/openapi.yaml")) {
            if (!method.equals(HttpMethod.GET)) {
                return done(methodNotAllowed(method, path, "GET"));
            }
            FullHttpResponse doc = bytes(HttpResponseStatus.OK, OPENAPI);
            doc.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/yaml");
            return done(doc);
        }
        if (JobRoutes.matches(path)) {
            boolean stale = uri.parameters().getOrDefault("stale", List.of("false")).contains("true");
            CompletableFuture<FullHttpResponse> local = jobs.handle(method, path, rawUri, stale, request);
            if (!LeaderForwarder.forwards(method, path, request.headers())) {
                return local;
            }
            // Copied now: Netty releases the request once this returns, and a follower's answer comes later.
            byte[] body = ByteBufUtil.getBytes(request.content());
            io.netty.handler.codec.http.HttpHeaders headers = request.headers().copy();
            return local.thenCompose(answer -> forwarder.relay(answer, method, headers, body));
        }
        if (path.startsWith(WorkerRoutes.PREFIX)) {
            return workers.handle(method, path, rawUri, request);
        }
        if (path.startsWith(KV)) {
            String key = path.substring(KV.length());
            if (key.isEmpty() || key.length() > 1024 || key.contains("/")) {
                return done(error(ApiError.of(HttpResponseStatus.BAD_REQUEST, "invalid_key",
                        "a key is 1 to 1024 characters without '/', got '" + key + "'")));
            }
            if (method.equals(HttpMethod.GET)) {
                boolean stale = uri.parameters().getOrDefault("stale", List.of("false")).contains("true");
                byte[] query = MasterStateMachine.kv(key.getBytes(StandardCharsets.UTF_8));
                return within(stale ? loop.staleRead(query) : loop.read(query))
                        .thenApply(value -> value == null
                                ? error(ApiError.of(HttpResponseStatus.NOT_FOUND, "not_found", "no key '" + key + "'"))
                                : bytes(HttpResponseStatus.OK, value))
                        .exceptionally(e -> failure(e, rawUri));
            }
            if (method.equals(HttpMethod.PUT) || method.equals(HttpMethod.POST)) {
                KvCommand command;
                try {
                    long[] session = session(request);
                    command = new KvCommand(method.equals(HttpMethod.PUT) ? KvCommand.Op.PUT : KvCommand.Op.APPEND,
                            session[0], session[1], key, ByteBufUtil.getBytes(request.content()));
                } catch (IllegalArgumentException e) {
                    return done(error(ApiError.of(HttpResponseStatus.BAD_REQUEST, "invalid_request", e.getMessage())));
                }
                return within(loop.propose(MasterStateMachine.kv(command.encode())))
                        .thenApply(this::writeResult)
                        .exceptionally(e -> failure(e, rawUri));
            }
            return done(methodNotAllowed(method, path, "GET, PUT, POST"));
        }
        return done(error(ApiError.of(HttpResponseStatus.NOT_FOUND, "not_found", "no route " + method + " " + path)));
    }

    private static long[] session(FullHttpRequest request) {
        String client = request.headers().get(CLIENT_ID);
        String sequence = request.headers().get(SEQUENCE);
        if (client == null && sequence == null) {
            return new long[] {0, 0};
        }
        if (client == null || sequence == null) {
            throw new IllegalArgumentException(CLIENT_ID + " and " + SEQUENCE + " go together");
        }
        try {
            long c = Long.parseLong(client.trim());
            long s = Long.parseLong(sequence.trim());
            if (c < 1 || s < 1) {
                throw new IllegalArgumentException(CLIENT_ID + " and " + SEQUENCE + " must be positive");
            }
            return new long[] {c, s};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(CLIENT_ID + " and " + SEQUENCE + " must be whole numbers");
        }
    }

    private FullHttpResponse writeResult(byte[] result) {
        if (result.length == 1 && result[0] == KvStateMachine.REJECTED) {
            return error(ApiError.of(HttpResponseStatus.BAD_REQUEST, "rejected", "the state machine rejected the write"));
        }
        boolean duplicate = result.length == 1 && result[0] == KvStateMachine.DUPLICATE;
        return json(HttpResponseStatus.OK, Map.of("result", duplicate ? "duplicate" : "applied"));
    }

    <T> CompletableFuture<T> within(CompletableFuture<T> future) {
        return future.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    FullHttpResponse failure(Throwable e, String uri) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof TimeoutException) {
            return error(ApiError.retryable(HttpResponseStatus.SERVICE_UNAVAILABLE, "timeout",
                    "no answer within " + timeout.toMillis() + " ms: the cluster may have no quorum or be electing a"
                            + " leader. A write may still commit; retry with the same " + CLIENT_ID + " and "
                            + SEQUENCE + " to apply it at most once", 1));
        }
        if (!(cause instanceof ProposalFailedException p)) {
            throw new CompletionException(cause);
        }
        return switch (p.kind()) {
            case NOT_LEADER -> notLeader(p, uri);
            case BUSY -> error(ApiError.retryable(HttpResponseStatus.SERVICE_UNAVAILABLE, "busy", p.getMessage(), 1));
            case LOST, UNKNOWN -> error(ApiError.retryable(HttpResponseStatus.SERVICE_UNAVAILABLE,
                    p.kind() == ProposalFailedException.Kind.LOST ? "lost" : "unknown", p.getMessage(), 0));
            case STOPPED -> error(ApiError.retryable(HttpResponseStatus.SERVICE_UNAVAILABLE, "stopping",
                    p.getMessage(), 1));
            case REFUSED -> error(ApiError.of(HttpResponseStatus.UNPROCESSABLE_ENTITY, "refused", p.getMessage()));
        };
    }

    private FullHttpResponse notLeader(ProposalFailedException p, String uri) {
        NodeId leader = p.leaderHint();
        Member member = leader == null ? null : members.get(leader);
        if (member == null) {
            // Retry-After 0: an election takes about one election timeout and the client's own
            // backoff paces the retries; a whole second here would add up to a second to failover.
            return error(ApiError.retryable(HttpResponseStatus.SERVICE_UNAVAILABLE, "no_leader",
                    loop.id() + " knows no leader right now (an election may be under way); retry shortly", 0));
        }
        String leaderUrl = url(member);
        FullHttpResponse response = error(new ApiError(HttpResponseStatus.TEMPORARY_REDIRECT, "not_leader",
                loop.id() + " is not the leader; " + leader + " is, at " + leaderUrl, leader.value(), leaderUrl, null));
        response.headers().set(HttpHeaderNames.LOCATION, leaderUrl + uri);
        return response;
    }

    /**
     * Ready to serve: it knows a leader and has applied all but a little of what it knows committed
     * (a master catching up after a restart is not ready); 503 with the reason otherwise.
     */
    private FullHttpResponse readiness(NodeStatus s) {
        long lag = s.commitIndex() - s.appliedIndex();
        if (s.leader() == null) {
            return error(ApiError.retryable(HttpResponseStatus.SERVICE_UNAVAILABLE, "not_ready",
                    loop.id() + " knows no leader", 1));
        }
        if (lag > READY_MAX_APPLY_LAG) {
            return error(ApiError.retryable(HttpResponseStatus.SERVICE_UNAVAILABLE, "not_ready",
                    loop.id() + " is " + lag + " entries behind what it knows committed", 1));
        }
        return json(HttpResponseStatus.OK, Map.of("status", "ready", "role", s.role().name(), "leader",
                s.leader().value()));
    }

    /** Committed entries a master may have left to apply and still be ready. */
    static final long READY_MAX_APPLY_LAG = 1_000;

    private FullHttpResponse clusterJson(NodeStatus s) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("node", s.node().value());
        body.put("role", s.role().name());
        body.put("term", s.term());
        body.put("leader", s.leader() == null ? null : s.leader().value());
        Member leader = s.leader() == null ? null : members.get(s.leader());
        body.put("leaderUrl", leader == null ? null : url(leader));
        body.put("commitIndex", s.commitIndex());
        body.put("appliedIndex", s.appliedIndex());
        body.put("lastIndex", s.lastIndex());
        body.put("snapshotIndex", s.snapshotIndex());
        body.put("lastLeaderChange", s.lastLeaderChange().toString());
        List<Map<String, Object>> followers = new ArrayList<>();
        s.followers().forEach((id, f) -> followers.add(Map.of("node", id.value(), "matchIndex", f.matchIndex(),
                "lag", f.lag())));
        body.put("followers", followers);
        body.put("membership", membership(s.membership()));
        return json(HttpResponseStatus.OK, body);
    }

    private static Map<String, Object> membership(Membership m) {
        return Map.of("voters", ids(m.voters()), "outgoingVoters", ids(m.outgoingVoters()), "learners", ids(m.learners()),
                "joint", m.isJoint());
    }

    private static List<Integer> ids(java.util.Set<NodeId> nodes) {
        return nodes.stream().sorted().map(NodeId::value).toList();
    }

    private static String url(Member m) {
        return "http://" + m.api();
    }

    static FullHttpResponse error(ApiError e) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("error", e.code());
        body.put("message", e.message());
        if (e.leader() != null) {
            body.put("leader", e.leader());
            body.put("leaderUrl", e.leaderUrl());
        }
        FullHttpResponse response = json(e.status(), body);
        if (e.retryAfterSeconds() != null) {
            response.headers().set(HttpHeaderNames.RETRY_AFTER, e.retryAfterSeconds());
        }
        return response;
    }

    FullHttpResponse methodNotAllowed(HttpMethod method, String path, String allowed) {
        FullHttpResponse response = error(ApiError.of(HttpResponseStatus.METHOD_NOT_ALLOWED, "method_not_allowed",
                method + " is not allowed on " + path + "; use " + allowed));
        response.headers().set(HttpHeaderNames.ALLOW, allowed);
        return response;
    }

    static FullHttpResponse json(HttpResponseStatus status, Object body) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        return response;
    }

    private static FullHttpResponse bytes(HttpResponseStatus status, byte[] body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream");
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        return response;
    }

    static CompletableFuture<FullHttpResponse> done(FullHttpResponse response) {
        return CompletableFuture.completedFuture(response);
    }
}
