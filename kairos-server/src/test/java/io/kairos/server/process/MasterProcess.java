package io.kairos.server.process;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One master as its own JVM, started the way an operator starts it ({@code ServerMain --config
 * node.yaml --bootstrap}) with this test's classpath; killed with SIGKILL, paused with SIGSTOP.
 * Its output goes to a log file next to its configuration.
 */
final class MasterProcess {

    final int id;
    final Path config;
    final Path log;
    private Process process;

    MasterProcess(int id, Path config) {
        this.id = id;
        this.config = config;
        this.log = config.resolveSibling("n" + id + ".log");
    }

    void start() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The production logging configuration, not the quiet one of the tests on this classpath.
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-Dlogback.configurationFile=logback.xml",
                "-cp", System.getProperty("java.class.path"),
                "io.kairos.server.ServerMain", "--config", config.toString(), "--bootstrap")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("starting master " + id, e);
        }
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** {@code kill -9}: no shutdown hook, no last write. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void pause() {
        signal("-STOP");
    }

    void resume() {
        signal("-CONT");
    }

    /** SIGTERM, and waits for the clean shutdown. */
    int terminate() {
        process.destroy();
        try {
            process.waitFor(20, TimeUnit.SECONDS);
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill " + signal + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String tailOfLog() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join(File.separator.equals("/") ? "\n" : "\r\n",
                    lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
