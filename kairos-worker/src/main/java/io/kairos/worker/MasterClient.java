package io.kairos.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kairos.api.worker.WorkerError;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one protocol request to the leader, whichever master that is: follows 307s (and remembers
 * the leader), waits out 503s as their {@code Retry-After} says, and rotates through the master list
 * on connection errors with capped, jittered backoff. Thread-safe; the poll loop and the reporter
 * share one.
 */
final class MasterClient {

    private static final Logger log = LoggerFactory.getLogger(MasterClient.class);

    /** Redirects followed in a row before backing off: two masters naming each other must not spin. */
    private static final int MAX_REDIRECTS = 5;

    private final List<URI> masters;
    private final HttpClient http;
    private final ObjectMapper json = Json.mapper();

    /** The leader's base URL once a master named it; null until then or after it failed. Guarded by this. */
    private URI leader;
    /** The master to try when no leader is known. Guarded by this. */
    private int nextMaster;

    /** The Authorization header's value, or null. */
    private final String authorization;

    MasterClient(List<URI> masters, String apiToken) {
        this.authorization = apiToken == null ? null : "Bearer " + apiToken;
        if (masters.isEmpty()) {
            throw new IllegalArgumentException("a worker needs at least one master URL");
        }
        this.masters = List.copyOf(masters);
        // NEVER: the JDK would not re-send a POST body on a 307 anyway; we follow it ourselves.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(3))
                .build();
    }

    /**
     * POSTs {@code body} (null for none) to {@code path} on the leader and returns its 2xx answer,
     * retrying everything retryable until {@code deadlineNanos} ({@link System#nanoTime()} based).
     *
     * @throws IOException when no master gave an answer before the deadline
     * @throws MasterRejectedException on a 4xx answer other than a redirect
     */
    <T> T post(String path, Object body, Class<T> answerType, Duration requestTimeout, long deadlineNanos)
            throws IOException, InterruptedException, MasterRejectedException {
        byte[] bytes = body == null ? new byte[0] : json.writeValueAsBytes(body);
        // Capped at a second: an election takes one or two, and a worker should find the new leader
        // within about a second of it, not after a long backoff.
        Backoff backoff = new Backoff(50, 1_000);
        URI redirectedTo = null;
        int redirects = 0;
        String lastProblem = "no attempt made";
        int failures = 0;
        while (true) {
            URI base = currentBase();
            URI uri = redirectedTo != null ? redirectedTo : URI.create(base + path);
            redirectedTo = null;
            HttpResponse<String> answer;
            try {
                answer = http.send(request(uri, bytes, requestTimeout), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                lastProblem = uri + ": " + e;
                // Loud at the start of an outage, then now and then: a worker cut off must be visible.
                if (++failures % 20 == 1) {
                    log.warn("{} unreachable ({} failures in a row for this request): {}", uri, failures, e.toString());
                } else {
                    log.debug("{} unreachable: {}", uri, e.toString());
                }
                unreachable(base);
                pause(backoff.nextDelayMillis(), deadlineNanos, path, lastProblem);
                continue;
            }
            int status = answer.statusCode();
            if (status >= 200 && status < 300) {
                return json.readValue(answer.body(), answerType);
            }
            if (status == 307 || status == 308) {
                Optional<String> location = answer.headers().firstValue("Location");
                if (location.isEmpty()) {
                    lastProblem = uri + ": " + status + " without a Location header";
                    unreachable(base);
                    pause(backoff.nextDelayMillis(), deadlineNanos, path, lastProblem);
                    continue;
                }
                redirectedTo = uri.resolve(location.get());
                leaderIs(baseOf(redirectedTo, path));
                if (++redirects > MAX_REDIRECTS) {
                    redirects = 0;
                    redirectedTo = null;
                    lastProblem = uri + ": more than " + MAX_REDIRECTS + " redirects in a row";
                    pause(backoff.nextDelayMillis(), deadlineNanos, path, lastProblem);
                }
                continue;
            }
            WorkerError error = errorOf(answer);
            lastProblem = uri + ": " + status + " " + error.error() + ": " + error.message();
            if (status == 503) {
                if ("no_leader".equals(error.error())) {
                    unreachable(base);
                }
                long retryAfterMillis = retryAfterSeconds(answer) * 1000;
                pause(Math.max(retryAfterMillis, backoff.nextDelayMillis()), deadlineNanos, path, lastProblem);
                continue;
            }
            if ("not_leader".equals(error.error()) && error.leaderUrl() != null) {
                leaderIs(URI.create(stripSlash(error.leaderUrl())));
                continue;
            }
            throw new MasterRejectedException(path, status, error);
        }
    }

    /** Forgets the leader: a master whose answer was fenced off (older term) is not it any more. */
    synchronized void forgetLeader() {
        if (leader != null) {
            log.info("forgetting leader {}", leader);
            leader = null;
        } else {
            nextMaster = (nextMaster + 1) % masters.size();
        }
    }

    private synchronized URI currentBase() {
        return leader != null ? leader : masters.get(nextMaster);
    }

    private synchronized void leaderIs(URI base) {
        if (!base.equals(leader)) {
            log.info("leader is {}", base);
            leader = base;
        }
    }

    /** The next request goes to the next master in the list (or, if the failed one was the leader, the list's current one). */
    private synchronized void unreachable(URI base) {
        if (base.equals(leader)) {
            leader = null;
        } else if (base.equals(masters.get(nextMaster))) {
            nextMaster = (nextMaster + 1) % masters.size();
        }
    }

    private HttpRequest request(URI uri, byte[] body, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.build();
    }

    private WorkerError errorOf(HttpResponse<String> answer) {
        try {
            WorkerError error = json.readValue(answer.body(), WorkerError.class);
            if (error != null && error.error() != null) {
                return error;
            }
        } catch (JsonProcessingException e) {
            // Not our error shape (a proxy's page, say): keep the raw body as the message below.
        }
        String body = answer.body() == null ? "" : answer.body();
        return new WorkerError("http_" + answer.statusCode(), OutputTail.of(body.strip()), null, null);
    }

    private static long retryAfterSeconds(HttpResponse<String> answer) {
        try {
            return Math.max(0, Long.parseLong(answer.headers().firstValue("Retry-After").orElse("0").strip()));
        } catch (NumberFormatException e) {
            return 0; // An HTTP-date or garbage: our own backoff decides.
        }
    }

    /** The master's base URL from a redirect target: the Location minus the path we asked for. */
    static URI baseOf(URI location, String path) {
        String full = location.toString();
        if (full.endsWith(path)) {
            return URI.create(full.substring(0, full.length() - path.length()));
        }
        return URI.create(location.getScheme() + "://" + location.getRawAuthority());
    }

    static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static void pause(long millis, long deadlineNanos, String path, String lastProblem)
            throws IOException, InterruptedException {
        if (System.nanoTime() + millis * 1_000_000 - deadlineNanos > 0) {
            throw new IOException("no master answered " + path + " in time; last problem: " + lastProblem);
        }
        Thread.sleep(millis);
    }
}
