package io.kairos.worker;

import io.kairos.api.worker.Dispatch;
import io.kairos.api.worker.Report.Outcome;
import io.kairos.api.worker.TaskSpec;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** An HTTP task: one request carrying the attempt's identity in {@code Kairos-*} headers; 2xx is success. */
final class HttpExecution implements Execution {

    /** Bytes of the response body kept: enough for {@link OutputTail#MAX_CHARS} characters in UTF-8. */
    private static final int KEPT_BYTES = OutputTail.MAX_CHARS * 4;

    private final Dispatch dispatch;
    private final TaskSpec.Http spec;
    private final HttpClient client;
    private final CompletableFuture<Void> stopRequested = new CompletableFuture<>();

    HttpExecution(Dispatch dispatch, TaskSpec.Http spec, HttpClient client) {
        this.dispatch = dispatch;
        this.spec = spec;
        this.client = client;
    }

    @Override
    public AttemptResult run() throws InterruptedException {
        HttpRequest request;
        try {
            request = request();
        } catch (IllegalArgumentException e) {
            return AttemptResult.failedByWorker("bad HTTP task: " + e.getMessage());
        }
        BodyTail body = new BodyTail();
        CompletableFuture<HttpResponse<Void>> call = client.sendAsync(request,
                HttpResponse.BodyHandlers.ofByteArrayConsumer(body::accept));
        try {
            CompletableFuture.anyOf(call, stopRequested).get();
        } catch (ExecutionException e) {
            // The call failed; reported below from the call's own future.
        } catch (InterruptedException e) {
            call.cancel(true);
            throw e;
        }
        if (stopRequested.isDone()) {
            call.cancel(true); // Aborts the exchange; the attempt's result is the caller's to decide.
            return AttemptResult.failedByWorker("the HTTP call was stopped");
        }
        try {
            HttpResponse<Void> response = call.get();
            int status = response.statusCode();
            boolean success = status >= 200 && status < 300;
            return new AttemptResult(success ? Outcome.SUCCEEDED : Outcome.FAILED, status, body.text());
        } catch (ExecutionException | CancellationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return AttemptResult.failedByWorker(spec.method() + " " + spec.url() + " failed: " + cause);
        }
    }

    @Override
    public void stop() {
        stopRequested.complete(null);
    }

    private HttpRequest request() {
        String method = spec.method() == null || spec.method().isEmpty() ? "GET" : spec.method();
        HttpRequest.BodyPublisher publisher = spec.body() == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(spec.body());
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(spec.url()))
                .method(method, publisher)
                .header("Kairos-Job-Id", dispatch.jobId())
                .header("Kairos-Run-Id", Long.toString(dispatch.runId()))
                .header("Kairos-Scheduled-Time", Long.toString(dispatch.scheduledMillis()))
                .header("Kairos-Attempt", Integer.toString(dispatch.attempt()))
                .header("Kairos-Shard-Index", Integer.toString(dispatch.shardIndex()))
                .header("Kairos-Shard-Total", Integer.toString(dispatch.shardTotal()));
        if (spec.headers() != null) {
            spec.headers().forEach(builder::header);
        }
        return builder.build();
    }

    /** The last {@link #KEPT_BYTES} of a body streamed in chunks, so a huge answer costs no memory. */
    private static final class BodyTail {

        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

        synchronized void accept(Optional<byte[]> chunk) {
            chunk.ifPresent(bytes -> {
                kept.writeBytes(bytes);
                if (kept.size() > 2 * KEPT_BYTES) {
                    byte[] all = kept.toByteArray();
                    kept.reset();
                    kept.writeBytes(Arrays.copyOfRange(all, all.length - KEPT_BYTES, all.length));
                }
            });
        }

        synchronized String text() {
            return OutputTail.of(kept.toString(StandardCharsets.UTF_8));
        }
    }
}
