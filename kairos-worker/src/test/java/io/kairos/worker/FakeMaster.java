package io.kairos.worker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.kairos.api.worker.AttemptRef;
import io.kairos.api.worker.DeregisterResponse;
import io.kairos.api.worker.Dispatch;
import io.kairos.api.worker.PollRequest;
import io.kairos.api.worker.PollResponse;
import io.kairos.api.worker.RegisterRequest;
import io.kairos.api.worker.RegisterResponse;
import io.kairos.api.worker.Report;
import io.kairos.api.worker.ReportRequest;
import io.kairos.api.worker.ReportResponse;
import io.kairos.api.worker.ReportResponse.Verdict;
import io.kairos.api.worker.WorkerError;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A scripted leader on a real HTTP server: it keeps dispatches until their FINISHED report is
 * applied, sends them while the worker does not list them (or always, in {@link #resendEvenIfHeld}
 * mode), records everything it hears, and can be told to misbehave.
 */
final class FakeMaster implements AutoCloseable {

    private final ObjectMapper json = Json.mapper();
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();

    volatile long term = 5;
    volatile boolean resendEvenIfHeld;
    /** Report requests still to answer with 503 busy before accepting any. */
    final AtomicInteger reportsToRefuse = new AtomicInteger();
    volatile Function<Report, Verdict> verdicts = report -> Verdict.APPLIED;

    final List<RegisterRequest> registrations = new CopyOnWriteArrayList<>();
    final List<PollRequest> polls = new CopyOnWriteArrayList<>();
    final List<ReportRequest> reportRequests = new CopyOnWriteArrayList<>();
    /** Reports applied (first verdict only counts), in order. */
    final List<Report> applied = new CopyOnWriteArrayList<>();
    /** "register", "poll", "report STARTED 1/1", "deregister", ... in arrival order. */
    final List<String> events = new CopyOnWriteArrayList<>();

    private final List<Dispatch> pending = new ArrayList<>(); // guarded by this
    private final List<AttemptRef> cancels = new ArrayList<>(); // guarded by this
    private final Deque<PollResponse> scripted = new ArrayDeque<>(); // guarded by this
    private boolean knowsWorker; // guarded by this

    FakeMaster() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads); // Long polls must not hold up reports.
        server.createContext("/v1/workers/", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    synchronized void dispatch(Dispatch dispatch) {
        pending.add(dispatch);
        notifyAll();
    }

    synchronized void cancel(AttemptRef ref) {
        pending.removeIf(d -> d.runId() == ref.runId() && d.attempt() == ref.attempt());
        cancels.add(ref);
        notifyAll();
    }

    /** The next poll gets exactly this answer. */
    synchronized void script(PollResponse answer) {
        scripted.add(answer);
        notifyAll();
    }

    /** As after the worker was declared lost: its dispatches are gone and its polls say registered=false. */
    synchronized void forgetWorker() {
        knowsWorker = false;
        pending.clear();
        notifyAll();
    }

    List<Report> appliedOf(long runId) {
        return applied.stream().filter(r -> r.runId() == runId).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (path.equals("/v1/workers/register")) {
                answer(exchange, 200, onRegister(json.readValue(body, RegisterRequest.class)));
            } else if (path.endsWith("/poll")) {
                answer(exchange, 200, onPoll(json.readValue(body, PollRequest.class)));
            } else if (path.endsWith("/reports")) {
                onReports(exchange, json.readValue(body, ReportRequest.class));
            } else if (path.endsWith("/deregister")) {
                events.add("deregister");
                answer(exchange, 200, new DeregisterResponse(term));
            } else {
                answer(exchange, 404, new WorkerError("not_found", "no " + path, null, null));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized RegisterResponse onRegister(RegisterRequest request) {
        registrations.add(request);
        events.add("register");
        knowsWorker = true;
        return new RegisterResponse(term, 3_000, 1_000);
    }

    private synchronized PollResponse onPoll(PollRequest request) throws InterruptedException {
        polls.add(request);
        events.add("poll");
        long deadline = System.currentTimeMillis() + Math.min(request.waitMillis(), 200);
        while (true) {
            if (!scripted.isEmpty()) {
                return scripted.poll();
            }
            if (!knowsWorker) {
                return new PollResponse(term, false, List.of(), List.of());
            }
            List<Dispatch> dispatches = pending.stream()
                    .filter(d -> resendEvenIfHeld || !request.held().contains(new AttemptRef(d.runId(), d.attempt())))
                    .toList();
            List<AttemptRef> toCancel = cancels.stream().filter(request.held()::contains).toList();
            long left = deadline - System.currentTimeMillis();
            if (!dispatches.isEmpty() || !toCancel.isEmpty() || left <= 0) {
                return new PollResponse(term, true, dispatches, toCancel);
            }
            wait(left);
        }
    }

    private void onReports(HttpExchange exchange, ReportRequest request) throws IOException {
        reportRequests.add(request);
        if (reportsToRefuse.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            exchange.getResponseHeaders().add("Retry-After", "0");
            answer(exchange, 503, new WorkerError("busy", "scripted refusal", null, null));
            return;
        }
        List<Verdict> answers = new ArrayList<>();
        synchronized (this) {
            for (Report report : request.reports()) {
                Verdict verdict = verdicts.apply(report);
                answers.add(verdict);
                events.add("report " + report.kind() + " " + report.runId() + "/" + report.attempt());
                if (verdict == Verdict.APPLIED) {
                    applied.add(report);
                    if (report.kind() == Report.Kind.FINISHED) {
                        pending.removeIf(d -> d.runId() == report.runId() && d.attempt() == report.attempt());
                    }
                }
            }
        }
        answer(exchange, 200, new ReportResponse(term, answers));
    }

    private void answer(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
