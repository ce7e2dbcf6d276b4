package io.kairos.worker;

import io.kairos.api.worker.Dispatch;
import io.kairos.api.worker.TaskSpec;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A shell task: a child process in its own session (so its whole tree can be signalled), output
 * and errors to the attempt's log file, the attempt's identity in {@code KAIROS_*} variables.
 */
final class ShellExecution implements Execution {

    /** Where setsid lives, or null: without it the job shares the worker's process group. */
    private static final Path SETSID = findSetsid();

    private final Dispatch dispatch;
    private final TaskSpec.Shell spec;
    private final Path logFile;
    private final Duration killGrace;
    private final CompletableFuture<Void> stopRequested = new CompletableFuture<>();

    ShellExecution(Dispatch dispatch, TaskSpec.Shell spec, Path logFile, Duration killGrace) {
        this.dispatch = dispatch;
        this.spec = spec;
        this.logFile = logFile;
        this.killGrace = killGrace;
    }

    @Override
    public AttemptResult run() throws InterruptedException {
        if (spec.command() == null || spec.command().isEmpty()) {
            return AttemptResult.failedByWorker("the shell task has an empty command");
        }
        Process process;
        try {
            Files.createDirectories(logFile.getParent());
            process = builder().start();
        } catch (IOException e) {
            return AttemptResult.failedByWorker("could not start " + spec.command() + ": " + e.getMessage());
        }
        ProcessTree tree = new ProcessTree(process.toHandle(), SETSID != null);
        try {
            CompletableFuture.anyOf(process.onExit(), stopRequested).get();
        } catch (ExecutionException e) {
            throw new AssertionError("onExit and stopRequested never complete exceptionally", e);
        } catch (InterruptedException e) {
            tree.terminate(Duration.ZERO); // The worker itself is going down: leave nothing behind.
            throw e;
        }
        if (stopRequested.isDone()) {
            tree.terminate(killGrace);
        } else {
            tree.kill(); // Background children the job left behind end with its attempt.
        }
        int exitCode = process.waitFor();
        return AttemptResult.ofExitCode(exitCode, readTail());
    }

    @Override
    public void stop() {
        stopRequested.complete(null);
    }

    private ProcessBuilder builder() {
        List<String> command = new ArrayList<>();
        if (SETSID != null) {
            command.add(SETSID.toString());
            command.add("--wait"); // Should setsid have to fork, it still waits and passes the exit code on.
        }
        command.addAll(spec.command());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        if (spec.workDir() != null && !spec.workDir().isEmpty()) {
            builder.directory(Path.of(spec.workDir()).toFile());
        }
        Map<String, String> env = builder.environment();
        if (spec.env() != null) {
            env.putAll(spec.env());
        }
        // Set last so a job's own env cannot fake its identity (the fencing key).
        env.put("KAIROS_JOB_ID", dispatch.jobId());
        env.put("KAIROS_RUN_ID", Long.toString(dispatch.runId()));
        env.put("KAIROS_SCHEDULED_TIME", Long.toString(dispatch.scheduledMillis()));
        env.put("KAIROS_ATTEMPT", Integer.toString(dispatch.attempt()));
        env.put("KAIROS_SHARD_INDEX", Integer.toString(dispatch.shardIndex()));
        env.put("KAIROS_SHARD_TOTAL", Integer.toString(dispatch.shardTotal()));
        if (dispatch.params() != null) {
            dispatch.params().forEach((name, value) -> env.put(paramVariable(name), value));
        }
        return builder;
    }

    /** {@code KAIROS_PARAM_} and the name upper-cased, anything but letters and digits as {@code _}. */
    static String paramVariable(String name) {
        return "KAIROS_PARAM_" + name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    /** The last {@link OutputTail#MAX_CHARS} characters of the log file (4 bytes each at worst in UTF-8). */
    private String readTail() {
        try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
            long length = file.length();
            int count = (int) Math.min(length, OutputTail.MAX_CHARS * 4L);
            byte[] bytes = new byte[count];
            file.seek(length - count);
            file.readFully(bytes);
            return OutputTail.of(new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return "(could not read the log file " + logFile + ": " + e.getMessage() + ")";
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static Path findSetsid() {
        for (String candidate : List.of("/usr/bin/setsid", "/bin/setsid")) {
            Path path = Path.of(candidate);
            if (Files.isExecutable(path)) {
                return path;
            }
        }
        return null;
    }

    static boolean hasOwnProcessGroups() {
        return SETSID != null;
    }
}
