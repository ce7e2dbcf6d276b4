package io.kairos.server.http;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Forwards a job-API write (or log fetch) that reached a follower to the leader and relays the leader's answer,
 * so that any master takes writes from clients that do not follow redirects (curl without
 * {@code -L}, scripts). One hop only: the forwarded request carries {@value #FORWARDED_BY}, and a
 * master that gets such a request without leading answers with its own 307, never forwarding
 * again (two masters with different views of the leader could otherwise bounce a write between
 * them). A leader the follower cannot reach gives a 503 {@code leader_unreachable} with a retry
 * hint.
 */
final class LeaderForwarder {

    /** Set on a forwarded request to the id of the master that forwarded it. */
    static final String FORWARDED_BY = "Kairos-Forwarded-By";

    /** The request headers the leader needs to judge the write as the follower did. */
    private static final List<String> PASSED_ON = List.of(HttpHeaderNames.AUTHORIZATION.toString(),
            HttpHeaderNames.CONTENT_TYPE.toString(), ApiRoutes.CLIENT_ID, ApiRoutes.SEQUENCE);

    /** The answer headers relayed to the client. */
    private static final List<String> RELAYED = List.of(HttpHeaderNames.CONTENT_TYPE.toString(),
            HttpHeaderNames.LOCATION.toString(), HttpHeaderNames.RETRY_AFTER.toString(), "Kairos-Log-Truncated");

    private final HttpClient client;
    private final String self;
    private final Duration timeout;

    /**
     * @param self this master's id, sent in {@value #FORWARDED_BY}
     * @param timeout how long to wait for the leader's answer (the API's own request timeout)
     */
    LeaderForwarder(String self, Duration timeout) {
        this.self = self;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(2)).build();
    }

    /**
     * Whether a job-API request is forwarded when this master does not lead: writes, and the one
     * read only the leader answers (a run's log, fetched from its worker through the leader).
     */
    static boolean forwards(HttpMethod method, String path, HttpHeaders headers) {
        boolean leaderOnly = !method.equals(HttpMethod.GET) && !method.equals(HttpMethod.HEAD) || path.endsWith("/log");
        return leaderOnly && !headers.contains(FORWARDED_BY);
    }

    /**
     * The leader's answer to the request whose local answer was {@code redirect} (a 307 with the
     * same call on the leader in {@code Location}); any other local answer is returned as it is.
     */
    CompletableFuture<FullHttpResponse> relay(FullHttpResponse local, HttpMethod method, HttpHeaders headers,
            byte[] body) {
        String location = local.headers().get(HttpHeaderNames.LOCATION);
        if (!local.status().equals(HttpResponseStatus.TEMPORARY_REDIRECT) || location == null) {
            return CompletableFuture.completedFuture(local);
        }
        local.release();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(location)).timeout(timeout)
                .method(method.name(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body))
                .header(FORWARDED_BY, self);
        for (String name : PASSED_ON) {
            String value = headers.get(name);
            if (value != null) {
                request.header(name, value);
            }
        }
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(LeaderForwarder::toNetty)
                .exceptionally(e -> {
                    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                    return ApiRoutes.error(ApiError.retryable(HttpResponseStatus.SERVICE_UNAVAILABLE,
                            "leader_unreachable", self + " could not forward the call to the leader at "
                                    + location + ": " + cause, 1));
                });
    }

    private static FullHttpResponse toNetty(HttpResponse<byte[]> answer) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(answer.statusCode()), Unpooled.wrappedBuffer(answer.body()));
        for (String name : RELAYED) {
            answer.headers().firstValue(name).ifPresent(value -> response.headers().set(name, value));
        }
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, answer.body().length);
        return response;
    }
}
