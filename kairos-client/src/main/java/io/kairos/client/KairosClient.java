package io.kairos.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A client of the Kairos masters' HTTP API. Thread-safe; create one per application and share it.
 *
 * <p><b>Leader discovery.</b> Starts from any master of its list, follows 307 redirects itself,
 * remembers the last leader, moves to the next master when one does not answer, and asks the
 * masters' {@code /v1/cluster} who leads when none is known before a retry.
 *
 * <p><b>Retries.</b> Every call is retried on connection failures, request timeouts and 503
 * answers, with exponential backoff and jitter (never sooner than the server's
 * {@code Retry-After}), until its {@linkplain Builder#deadline deadline}; then it fails with
 * {@link KairosUnavailableException}. Answers a retry cannot change (400, 405, 413, 422) fail at
 * once with {@link KairosRequestException}.
 *
 * <p><b>Writes apply at most once.</b> Each write carries a session ({@code Kairos-Client-Id},
 * {@code Kairos-Sequence}) and every retry of it the same one. The server remembers only the last
 * sequence per client id, so each write in flight holds a client id of its own: ids
 * {@code clientId .. clientId + maxInFlightWrites - 1} belong to this instance, a write takes a
 * free one for its whole life and its next sequence. More concurrent writes than that wait (in
 * order) for an id. Two client instances running at the same time must not share ids.
 *
 * <p><b>Async.</b> The {@code ...Async} methods send without blocking a thread per call (the JDK's
 * HTTP client and one timer thread for backoff). Their futures complete on those threads: do not
 * block in dependent stages. The blocking methods wait on the async ones.
 */
public final class KairosClient implements AutoCloseable {

    private final Channel channel;
    private final SessionPool sessions;
    private final Duration deadline;

    private KairosClient(Builder b) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kairos-client-retry");
            t.setDaemon(true);
            return t;
        });
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(b.requestTimeout).build();
        this.channel = new Channel(http, new Masters(b.masters), new Backoff(b.backoffBaseMillis, b.backoffMaxMillis),
                timer, b.requestTimeout);
        this.sessions = new SessionPool(b.clientId, b.maxInFlightWrites, System.currentTimeMillis());
        this.deadline = b.deadline;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Sets {@code key} to {@code value}, at most once however often it is retried. */
    public void put(String key, byte[] value) {
        await(putAsync(key, value));
    }

    /** Appends {@code value} to {@code key}'s value (creating it), at most once however often it is retried. */
    public void append(String key, byte[] value) {
        await(appendAsync(key, value));
    }

    /** The value of {@code key}, read linearizably on the leader; empty if the key is absent. */
    public Optional<byte[]> get(String key) {
        return await(getAsync(key));
    }

    /** The value of {@code key} as some master applied it: may lag behind the latest writes. */
    public Optional<byte[]> getStale(String key) {
        return await(getStaleAsync(key));
    }

    /** The cluster as the leader (or, if none answers, another master) sees it. */
    public ClusterStatus cluster() {
        return await(clusterAsync());
    }

    public CompletableFuture<Void> putAsync(String key, byte[] value) {
        return write("PUT", key, value);
    }

    public CompletableFuture<Void> appendAsync(String key, byte[] value) {
        return write("POST", key, value);
    }

    public CompletableFuture<Optional<byte[]>> getAsync(String key) {
        return read(key, false);
    }

    public CompletableFuture<Optional<byte[]>> getStaleAsync(String key) {
        return read(key, true);
    }

    public CompletableFuture<ClusterStatus> clusterAsync() {
        long start = System.nanoTime();
        return new Call(channel, Request.cluster(), start, start + deadline.toNanos()).run().thenApply(r -> {
            try {
                return Channel.JSON.readValue(r.body(), ClusterStatus.class);
            } catch (IOException e) {
                throw new KairosException("GET /v1/cluster answered what is not a cluster status: " + e.getMessage(), e);
            }
        });
    }

    /** The masters this client was given, as base URLs. */
    public List<URI> masters() {
        return channel.masters().configured();
    }

    /** Stops the retry timer; calls still in flight may not complete. */
    @Override
    public void close() {
        channel.timer().shutdownNow();
    }

    private CompletableFuture<Optional<byte[]>> read(String key, boolean stale) {
        Request request = Request.read(key, stale);
        long start = System.nanoTime();
        return new Call(channel, request, start, start + deadline.toNanos()).run()
                .thenApply(r -> r.statusCode() == 404 ? Optional.empty() : Optional.of(r.body()));
    }

    private CompletableFuture<Void> write(String method, String key, byte[] value) {
        byte[] body = Arrays.copyOf(value, value.length);
        Request.encode(key);
        long start = System.nanoTime();
        long deadlineNanos = start + deadline.toNanos();
        return sessions.acquire().orTimeout(deadline.toNanos(), TimeUnit.NANOSECONDS)
                .exceptionallyCompose(e -> CompletableFuture.failedFuture(e instanceof TimeoutException
                        ? new KairosUnavailableException(method + " /v1/kv/" + Request.encode(key) + ": no write session"
                                + " free within " + deadline.toMillis() + " ms (at most " + sessions.created()
                                + " writes in flight)", java.util.Map.of(), e) : e))
                .thenCompose(session -> {
                    Request request = Request.write(method, key, body, session.clientId, session.nextSequence());
                    CompletableFuture<HttpResponse<byte[]>> answer = new Call(channel, request, start, deadlineNanos).run();
                    // The session is free again only once this write is over: then no attempt of it is ours to retry.
                    answer.whenComplete((r, e) -> sessions.release(session));
                    return answer;
                })
                .thenApply(r -> null);
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new KairosException("call failed: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KairosException("interrupted while waiting for the masters", e);
        }
    }

    /** Settings of a {@link KairosClient}; {@link #masters} is required. */
    public static final class Builder {

        /** Ids of a random client are multiples of this, so random instances never share ids. */
        private static final int MAX_IN_FLIGHT_WRITES = 1 << 16;

        private List<URI> masters;
        private Duration requestTimeout = Duration.ofSeconds(7);
        private Duration deadline = Duration.ofSeconds(30);
        private long clientId = ThreadLocalRandom.current().nextLong(1, 1L << 46) << 16;
        private int maxInFlightWrites = 256;
        private long backoffBaseMillis = 20;
        private long backoffMaxMillis = 1000;

        private Builder() {
        }

        /** The masters' API base URLs, e.g. {@code http://10.0.0.1:7070}; any of them, any order. */
        public Builder masters(List<URI> masters) {
            this.masters = List.copyOf(masters);
            return this;
        }

        public Builder masters(URI... masters) {
            return masters(List.of(masters));
        }

        /**
         * How long one HTTP attempt may take (default 7 s). Keep it above the masters' own wait
         * for a commit (5 s), or a slow commit turns into a retry instead of an answer.
         */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = positive(requestTimeout, "requestTimeout");
            return this;
        }

        /** How long a call may take in all, retries included, before it fails (default 30 s). */
        public Builder deadline(Duration deadline) {
            this.deadline = positive(deadline, "deadline");
            return this;
        }

        /**
         * The first of this instance's write-session client ids; it uses
         * {@code clientId .. clientId + maxInFlightWrites - 1}. Default: random, a multiple of
         * 65,536. Only set it when you manage ids across your processes: a restarted process may
         * reuse its ids (sequences start from the clock), two live instances may not.
         */
        public Builder clientId(long clientId) {
            if (clientId < 1) {
                throw new IllegalArgumentException("clientId must be positive, got " + clientId);
            }
            this.clientId = clientId;
            return this;
        }

        /** At most this many writes in flight at once (default 256, at most 65,536); more wait for one to finish. */
        public Builder maxInFlightWrites(int maxInFlightWrites) {
            if (maxInFlightWrites < 1 || maxInFlightWrites > MAX_IN_FLIGHT_WRITES) {
                throw new IllegalArgumentException("maxInFlightWrites must be 1 .. " + MAX_IN_FLIGHT_WRITES + ", got "
                        + maxInFlightWrites);
            }
            this.maxInFlightWrites = maxInFlightWrites;
            return this;
        }

        /** Backoff between retries: jittered, doubling from {@code base} up to {@code max} (default 20 ms .. 1 s). */
        public Builder backoff(Duration base, Duration max) {
            this.backoffBaseMillis = Math.max(1, positive(base, "backoff base").toMillis());
            this.backoffMaxMillis = Math.max(backoffBaseMillis, positive(max, "backoff max").toMillis());
            return this;
        }

        public KairosClient build() {
            if (masters == null || masters.isEmpty()) {
                throw new IllegalStateException("masters(...) is required");
            }
            if (clientId > Long.MAX_VALUE - maxInFlightWrites) {
                throw new IllegalStateException("clientId " + clientId + " + maxInFlightWrites overflows");
            }
            return new KairosClient(this);
        }

        private static Duration positive(Duration d, String name) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + d);
            }
            return d;
        }
    }
}
