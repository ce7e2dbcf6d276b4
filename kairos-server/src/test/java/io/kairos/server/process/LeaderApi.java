package io.kairos.server.process;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Calls to whichever master answers, the way a client does through failures: a 307 is followed
 * with its body, a 503 or a refused connection moves on to the next master, until an answer below
 * 500 arrives or the patience runs out.
 */
final class LeaderApi {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(1)).build();
    static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> masters;

    LeaderApi(List<String> masters) {
        this.masters = List.copyOf(masters);
    }

    JsonNode get(String path) {
        return call("GET", path, null);
    }

    JsonNode post(String path, String body) {
        return call("POST", path, body);
    }

    /** The answer's JSON once a master gives a final (below 500, not 307) answer; fails on 4xx. */
    JsonNode call(String method, String path, String body) {
        AtomicReference<JsonNode> answer = new AtomicReference<>();
        int[] next = {0};
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
            String url = masters.get(next[0]++ % masters.size()) + path;
            for (int hop = 0; hop < 3; hop++) {
                HttpResponse<String> r;
                try {
                    r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                            .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(body)).build(),
                            HttpResponse.BodyHandlers.ofString());
                } catch (IOException e) {
                    return false;
                }
                if (r.statusCode() == 307) {
                    url = r.headers().firstValue("Location").orElseThrow();
                    continue;
                }
                if (r.statusCode() >= 500) {
                    return false;
                }
                if (r.statusCode() >= 400) {
                    throw new AssertionError(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
                }
                answer.set(JSON.readTree(r.body()));
                return true;
            }
            return false;
        });
        return answer.get();
    }
}
