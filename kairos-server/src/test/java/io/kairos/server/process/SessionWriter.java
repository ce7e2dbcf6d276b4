package io.kairos.server.process;

import static org.awaitility.Awaitility.await;

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
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.pollinterval.PollInterval;

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
    /** Where the last 307 pointed, until a connection to it fails. */
    private String leader;

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

    /**
     * Retries until acknowledged, sending again every 20-50 ms (Awaitility's polls are the
     * client's back-off); false when the write is refused outright or not acknowledged within
     * 60 s (recorded in {@link #errors}), or the thread is interrupted.
     */
    private boolean write(long sequence, String token) {
        try {
            await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO)
                    .pollInterval(new JitteredPollInterval()).until(() -> acknowledges(sequence, token));
            return true;
        } catch (ConditionTimeoutException e) {
            errors.add(token + ": not acknowledged within 60 s");
        } catch (Refused e) {
            errors.add(token + ": " + e.getMessage());
        }
        return false;
    }

    /** One attempt: true once a master acknowledged the write; moves to the leader or the next master. */
    private boolean acknowledges(long sequence, String token) throws InterruptedException {
        String base = leader != null ? leader : masters.get(current);
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
                leader = location.substring(0, location.indexOf("/v1/"));
                return false;
            }
            if (response.statusCode() != 503) {
                throw new Refused(response.statusCode() + " " + response.body());
            }
        } catch (IOException e) {
            leader = null;
            current = (current + 1) % masters.size();
        }
        return false;
    }

    /** The write was refused with a status no retry can fix. */
    private static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    /** 20-50 ms between attempts, different for each, so that writers do not retry in step. */
    private static final class JitteredPollInterval implements PollInterval {
        @Override
        public Duration next(int pollCount, Duration previousDuration) {
            return Duration.ofMillis(20 + ThreadLocalRandom.current().nextInt(30));
        }
    }
}
