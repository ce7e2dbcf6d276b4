package io.kairos.server.process;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Kairos process as its own JVM, started the way an operator starts it, with this test's
 * classpath; killed with SIGKILL, paused with SIGSTOP. Its output goes to a log file.
 */
class JvmProcess {

    final Path log;
    private final String name;
    private final List<String> mainAndArgs;
    private Process process;

    JvmProcess(String name, Path log, String... mainAndArgs) {
        this.name = name;
        this.log = log;
        this.mainAndArgs = List.of(mainAndArgs);
    }

    void start() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx256m",
                // The production logging configuration, not the quiet one of the tests on this classpath.
                "-Dlogback.configurationFile=logback.xml", "-cp", System.getProperty("java.class.path")));
        command.addAll(mainAndArgs);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("starting " + name, e);
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
