package io.kairos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One HTTP/JSON call to the masters: tries each given master until one answers, follows a 307 to
 * the leader itself (re-sending the body, which the JDK will not do), and turns an error answer
 * into a {@link CliException} carrying the server's precise message.
 */
final class ApiCall {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_REDIRECTS = 3;

    private final List<URI> masters;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(3)).build();

    ApiCall(List<URI> masters, String token) {
        this.masters = List.copyOf(masters);
        this.authorization = token == null ? null : "Bearer " + token;
    }

    JsonNode get(String path) {
        return send("GET", path, null);
    }

    JsonNode send(String method, String path, Object body) {
        String answer = sendForText(method, path, body);
        try {
            return answer.isEmpty() ? JSON.nullNode() : JSON.readTree(answer);
        } catch (IOException e) {
            throw new CliException("the master's answer is not JSON: " + e.getMessage());
        }
    }

    /** The answer's body as text (for logs). */
    String sendForText(String method, String path, Object body) {
        byte[] bytes;
        try {
            bytes = body == null ? null : JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new CliException("cannot write the request: " + e.getMessage());
        }
        List<String> unreachable = new ArrayList<>();
        for (URI master : masters) {
            try {
                return follow(method, URI.create(master + path), bytes);
            } catch (ConnectException e) {
                unreachable.add(master + " (" + (e.getMessage() == null ? "connection refused" : e.getMessage()) + ")");
            } catch (IOException e) {
                unreachable.add(master + " (" + e + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException("interrupted");
            }
        }
        throw new CliException("no master answered: " + String.join(", ", unreachable));
    }

    private String follow(String method, URI uri, byte[] body) throws IOException, InterruptedException {
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(15))
                    .header("Accept", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            HttpResponse<String> answer = http.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (answer.statusCode() == 307 && answer.headers().firstValue("Location").isPresent()) {
                uri = URI.create(answer.headers().firstValue("Location").get());
                continue;
            }
            if (answer.statusCode() >= 400) {
                JsonNode json;
                try {
                    json = JSON.readTree(answer.body());
                } catch (IOException notJson) {
                    json = JSON.nullNode();
                }
                String message = json.hasNonNull("message") ? json.get("message").asText() : answer.body();
                String code = json.hasNonNull("error") ? json.get("error").asText() : "error";
                throw new CliException(answer.statusCode() + " " + code + ": " + message);
            }
            return answer.body();
        }
        throw new CliException("more than " + MAX_REDIRECTS + " redirects from " + uri);
    }
}
