package io.kairos.server.process;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A client appending unique tokens to one key, one write at a time, each with its own sequence
 * number under one client id. A write is retried with the same sequence number on any failure
 * (connection refused, timeout, 503) at the next master, until it is acknowledged: so every token
 * acknowledged must be in the value exactly once, in order, whatever happened to the masters.
 */
final class SessionWriter implements Runnable {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(1)).build();

    final String key;
    private final long clientId;
    private final List<String> masters;
    final List<String> acknowledged = new CopyOnWriteArrayList<>();
    final List<String> errors = new CopyOnWriteArrayList<>();
    private volatile boolean stopping;
    private int current;

    SessionWriter(String key, long clientId, List<String> masters) {
        this.key = key;
        this.clientId = clientId;
        this.masters = new ArrayList<>(masters);
    }

    void stop() {
        stopping = true;
    }

    @Override
    public void run() {
        for (long sequence = 1; !stopping; sequence++) {
            String token = key + "-" + sequence + ";";
            if (!write(sequence, token)) {
                return;
            }
            acknowledged.add(token);
        }
    }

    /** Retries until acknowledged; false only if the test is stopping (the write's fate is then unknown). */
    private boolean write(long sequence, String token) {
        String base = masters.get(current);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v1/kv/" + key))
                        .timeout(Duration.ofSeconds(5)).header("Kairos-Client-Id", Long.toString(clientId))
                        .header("Kairos-Sequence", Long.toString(sequence))
                        .POST(HttpRequest.BodyPublishers.ofString(token)).build();
                HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return true;
                }
                if (response.statusCode() == 307) {
                    String location = response.headers().firstValue("Location").orElseThrow();
                    base = location.substring(0, location.indexOf("/v1/"));
                    continue;
                }
                if (response.statusCode() != 503) {
                    errors.add(token + ": " + response.statusCode() + " " + response.body());
                    return false;
                }
            } catch (IOException e) {
                current = (current + 1) % masters.size();
                base = masters.get(current);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            pause();
        }
        errors.add(token + ": not acknowledged within 60 s");
        return false;
    }

    private static void pause() {
        // Client back-off between attempts, not a wait for state.
        try {
            Thread.sleep(20 + ThreadLocalRandom.current().nextInt(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
