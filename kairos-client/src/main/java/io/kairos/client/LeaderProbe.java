package io.kairos.client;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Asks every master {@code GET /v1/cluster} at once and remembers the leader reported in the
 * highest term. Used before a retry when no leader is known, so the retry goes straight to it
 * rather than through a redirect (and a large write body is not sent to a follower first).
 */
final class LeaderProbe {

    private LeaderProbe() {
    }

    /** Completes normally (never exceptionally) once every master answered or timed out. */
    static CompletableFuture<Void> run(Channel channel, Duration timeout) {
        List<CompletableFuture<ClusterStatus>> answers = new ArrayList<>();
        for (URI master : channel.masters().configured()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(master + "/v1/cluster")).timeout(timeout).GET().build();
            answers.add(channel.http().sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                    .thenApply(LeaderProbe::parse)
                    .exceptionally(unreachable -> null));
        }
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenRun(() -> {
            ClusterStatus best = null;
            for (CompletableFuture<ClusterStatus> a : answers) {
                ClusterStatus s = a.join();
                if (s != null && s.leaderUrl() != null && (best == null || s.term() > best.term())) {
                    best = s;
                }
            }
            if (best != null) {
                try {
                    channel.masters().leaderIs(Masters.origin(URI.create(best.leaderUrl())));
                } catch (IllegalArgumentException badUrl) {
                    // A leader URL we cannot use: the retry goes through the rotation instead.
                    return;
                }
            }
        });
    }

    private static ClusterStatus parse(HttpResponse<byte[]> response) {
        if (response.statusCode() != 200) {
            return null;
        }
        try {
            return Channel.JSON.readValue(response.body(), ClusterStatus.class);
        } catch (java.io.IOException notStatus) {
            return null;
        }
    }
}
