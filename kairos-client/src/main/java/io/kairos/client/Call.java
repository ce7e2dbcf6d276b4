package io.kairos.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One request carried to an answer: sent to the leader if one is known (else to the next master),
 * following 307 redirects itself, retried on connection failures, timeouts and 503s with backoff
 * (at least the server's {@code Retry-After}) until the deadline. Every attempt is the same
 * {@link Request}, so a write keeps its session and applies at most once. No thread waits: each
 * step runs when the HTTP client or the timer calls back.
 */
final class Call {

    /** Redirects followed back to back before backing off (an election may bounce us around). */
    private static final int MAX_REDIRECTS_WITHOUT_BACKOFF = 3;
    /** How long a leader probe ({@code GET /v1/cluster} to every master) may take at most. */
    private static final long PROBE_MILLIS = 1000;

    private final Channel channel;
    private final Request request;
    private final long deadlineNanos;
    private final long startNanos;
    private final CompletableFuture<HttpResponse<byte[]>> result = new CompletableFuture<>();
    /** Guarded by this: each master's last error, in the order of the configured list. */
    private final Map<URI, String> lastErrors = new LinkedHashMap<>();
    private int retries;
    private int redirectsInARow;
    private int attempts;
    private Throwable lastCause;
    /** Guarded by this: masters that failed to answer since the last backoff; the rest are tried at once. */
    private final Set<URI> unreachableThisRound = new HashSet<>();

    Call(Channel channel, Request request, long startNanos, long deadlineNanos) {
        this.channel = channel;
        this.request = request;
        this.startNanos = startNanos;
        this.deadlineNanos = deadlineNanos;
        channel.masters().configured().forEach(m -> lastErrors.put(m, "not tried"));
    }

    /** Starts the call; the future completes with a 2xx answer (or a 404 where that is an answer). */
    CompletableFuture<HttpResponse<byte[]>> run() {
        try {
            send(channel.masters().target(), null);
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    /** @param explicitUrl the full URL of a redirect's Location, or null to build it from {@code base} */
    private void send(URI base, URI explicitUrl) {
        long remainingNanos = deadlineNanos - System.nanoTime();
        if (remainingNanos <= 0) {
            giveUp();
            return;
        }
        URI url = explicitUrl != null ? explicitUrl : URI.create(base + request.pathAndQuery());
        long timeoutNanos = Math.min(channel.requestTimeout().toNanos(), remainingNanos);
        HttpRequest.Builder http = HttpRequest.newBuilder(url).timeout(Duration.ofNanos(Math.max(timeoutNanos, 1_000_000)));
        http.method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        if (request.clientId() != 0) {
            http.header("Kairos-Client-Id", Long.toString(request.clientId()));
            http.header("Kairos-Sequence", Long.toString(request.sequence()));
        }
        synchronized (this) {
            attempts++;
        }
        channel.http().sendAsync(http.build(), HttpResponse.BodyHandlers.ofByteArray()).whenComplete((response, error) -> {
            try {
                if (error != null) {
                    onFailure(base, error);
                } else {
                    onResponse(base, response);
                }
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        });
    }

    private void onFailure(URI base, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (!(cause instanceof IOException)) {
            result.completeExceptionally(new KairosException(request + " failed: " + cause, cause));
            return;
        }
        String what = cause instanceof HttpTimeoutException ? "no answer within the request timeout"
                : cause instanceof ConnectException ? "connection failed (" + cause.getClass().getSimpleName() + ")"
                : "I/O error: " + cause;
        record(base, what, cause);
        channel.masters().failed(base);
        URI next = channel.masters().target();
        boolean untried;
        synchronized (this) {
            unreachableThisRound.add(base);
            untried = !unreachableThisRound.contains(next);
            if (!untried) {
                unreachableThisRound.clear();
            }
        }
        if (untried) {
            // A master that does not answer costs no backoff while another has not been tried.
            send(next, null);
        } else {
            retryLater(0);
        }
    }

    private void onResponse(URI base, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            if (servedByLeaderOnly()) {
                channel.masters().leaderIs(base);
            }
            result.complete(response);
            return;
        }
        JsonNode error = errorBody(response);
        String code = error.path("error").asText("unknown");
        String message = error.path("message").asText("");
        if (status == 404 && request.notFoundIsAnswer() && code.equals("not_found")) {
            result.complete(response);
            return;
        }
        if (status == 307 || status == 308) {
            onRedirect(base, response, code, message);
            return;
        }
        if (status >= 500) {
            record(base, status + " " + code + (message.isEmpty() ? "" : ": " + message), null);
            if (code.equals("no_leader") || code.equals("stopping") || code.equals("timeout")) {
                // This master cannot serve now; another may know or be the leader.
                channel.masters().failed(base);
            }
            retryLater(retryAfterMillis(response));
            return;
        }
        result.completeExceptionally(new KairosRequestException(request.toString(), status, code, message));
    }

    private void onRedirect(URI base, HttpResponse<byte[]> response, String code, String message) {
        URI location;
        try {
            location = URI.create(response.headers().firstValue("Location").orElseThrow());
            channel.masters().leaderIs(Masters.origin(location));
        } catch (RuntimeException noUsableLocation) {
            record(base, response.statusCode() + " " + code + " without a usable Location: " + message, null);
            channel.masters().failed(base);
            retryLater(0);
            return;
        }
        record(base, response.statusCode() + " " + code + ", redirected to " + Masters.origin(location), null);
        boolean backOff;
        synchronized (this) {
            backOff = ++redirectsInARow > MAX_REDIRECTS_WITHOUT_BACKOFF;
        }
        if (backOff) {
            retryLater(0);
        } else {
            send(Masters.origin(location), location);
        }
    }

    /** Schedules the next attempt after backoff (at least {@code minDelayMillis}), or gives up at the deadline. */
    private void retryLater(long minDelayMillis) {
        int retry;
        synchronized (this) {
            retry = retries++;
            redirectsInARow = 0;
        }
        long delayMillis = Math.max(minDelayMillis, channel.backoff().delayMillis(retry));
        long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
        try {
            if (delayMillis >= remainingMillis) {
                channel.timer().schedule(this::giveUp, Math.max(0, remainingMillis), TimeUnit.MILLISECONDS);
            } else {
                channel.timer().schedule(this::resend, delayMillis, TimeUnit.MILLISECONDS);
            }
        } catch (RejectedExecutionException closed) {
            result.completeExceptionally(new KairosException(request + ": the client was closed before an answer",
                    closed));
        }
    }

    /** Retries at the leader; when none is known, first asks the masters who leads. */
    private void resend() {
        if (channel.masters().leaderKnown() || request.pathAndQuery().endsWith("stale=true")
                || channel.masters().configured().size() == 1) {
            send(channel.masters().target(), null);
            return;
        }
        long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
        long probeMillis = Math.min(PROBE_MILLIS, Math.min(channel.requestTimeout().toMillis(), remainingMillis));
        LeaderProbe.run(channel, Duration.ofMillis(Math.max(1, probeMillis)))
                .whenComplete((ignored, error) -> send(channel.masters().target(), null));
    }

    private void giveUp() {
        StringBuilder m = new StringBuilder();
        synchronized (this) {
            m.append(request).append(": no answer within ")
                    .append(TimeUnit.NANOSECONDS.toMillis(deadlineNanos - startNanos)).append(" ms (")
                    .append(attempts).append(attempts == 1 ? " attempt" : " attempts").append("). Masters tried, with"
                            + " the last error of each: ");
            String separator = "";
            for (var e : lastErrors.entrySet()) {
                m.append(separator).append(e.getKey()).append(" -> ").append(e.getValue());
                separator = "; ";
            }
        }
        m.append(". No quorum may be reachable (fewer than a majority of the masters up and connected), or an"
                + " election has not finished.");
        if (request.clientId() != 0) {
            m.append(" The write may or may not have been applied.");
        }
        result.completeExceptionally(new KairosUnavailableException(m.toString(), snapshotErrors(), lastCause));
    }

    private synchronized Map<URI, String> snapshotErrors() {
        return new LinkedHashMap<>(lastErrors);
    }

    private synchronized void record(URI base, String error, Throwable cause) {
        lastErrors.put(base, error);
        if (cause != null) {
            lastCause = cause;
        }
    }

    /** Writes and linearizable reads are answered by the leader alone. */
    private boolean servedByLeaderOnly() {
        return request.pathAndQuery().startsWith(Request.KV) && !request.pathAndQuery().endsWith("stale=true");
    }

    private static JsonNode errorBody(HttpResponse<byte[]> response) {
        try {
            return Channel.JSON.readTree(response.body());
        } catch (IOException | RuntimeException notJson) {
            return Channel.JSON.createObjectNode();
        }
    }

    private static long retryAfterMillis(HttpResponse<byte[]> response) {
        String value = response.headers().firstValue("Retry-After").orElse("");
        try {
            return Math.max(0, Long.parseLong(value.trim())) * 1000;
        } catch (NumberFormatException notSeconds) {
            return 0;
        }
    }
}
