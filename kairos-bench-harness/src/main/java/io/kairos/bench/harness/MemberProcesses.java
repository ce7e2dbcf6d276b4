package io.kairos.bench.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Members of the failover workload, each in its own child JVM started as
 * {@code java <this JVM's flags> -cp <this classpath> <mainClass> member <index> <ports> <dataRoot>}.
 * A member prints {@link #READY} on stdout once started and exits when its stdin closes, so none
 * outlives this JVM. Each member's output is appended to {@code dataRoot/n<index>.log}.
 */
public final class MemberProcesses implements AutoCloseable {

    public static final String READY = "READY";
    public static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final String mainClass;
    private final String ports;
    private final Path dataRoot;
    private final Process[] members;

    public MemberProcesses(String mainClass, int[] ports, Path dataRoot) {
        this.mainClass = mainClass;
        StringBuilder joined = new StringBuilder();
        for (int port : ports) {
            joined.append(joined.length() == 0 ? "" : ",").append(port);
        }
        this.ports = joined.toString();
        this.dataRoot = dataRoot;
        this.members = new Process[ports.length];
    }

    /** Starts member {@code index} and waits until it says it is ready. */
    public void start(int index) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass, "member",
                String.valueOf(index), ports, dataRoot.toString()));
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(dataRoot.resolve("n" + index + ".log").toFile()))
                .start();
        members[index] = process;
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> readUntilReady(process, ready), "member-" + index + "-stdout");
        reader.setDaemon(true);
        reader.start();
        try {
            ready.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IOException("member " + index + " did not start; see " + dataRoot.resolve("n" + index + ".log"), e);
        }
    }

    private static void readUntilReady(Process process, CompletableFuture<Void> ready) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.equals(READY)) {
                    ready.complete(null);
                }
            }
            ready.completeExceptionally(new IOException("member exited before it was ready"));
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
    }

    /** kill -9: the member gets no chance to flush, close or say goodbye. Returns when it is gone. */
    public void kill(int index) throws InterruptedException {
        members[index].destroyForcibly().waitFor();
    }

    @Override
    public void close() {
        for (Process member : members) {
            if (member != null) {
                member.destroyForcibly();
            }
        }
    }

    /** In a member JVM: blocks until the parent closes our stdin (or dies), then returns. */
    public static void awaitParentGone() {
        try {
            while (System.in.read() != -1) {
                // the parent never writes; EOF means it is gone
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int[] parsePorts(String text) {
        String[] parts = text.split(",");
        int[] ports = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            ports[i] = Integer.parseInt(parts[i]);
        }
        return ports;
    }
}
