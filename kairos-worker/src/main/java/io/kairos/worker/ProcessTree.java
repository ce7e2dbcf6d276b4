package io.kairos.worker;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a job's whole process tree: SIGTERM to its process group and every descendant, a grace
 * period, then SIGKILL to everything still alive. A job that traps SIGTERM and keeps forking still
 * ends: its processes are collected before each round of signals, because a child whose parent
 * dies is reparented and no longer shows up as a descendant.
 */
final class ProcessTree {

    private static final Logger log = LoggerFactory.getLogger(ProcessTree.class);

    /** How long the SIGKILL rounds may take before we give up and say so. */
    private static final Duration KILL_ROUNDS_LIMIT = Duration.ofSeconds(5);

    private final ProcessHandle root;
    /** The root leads its own process group (started through setsid). */
    private final boolean ownGroup;
    /** Every process ever seen in the tree, alive or not. */
    private final Set<ProcessHandle> seen = new LinkedHashSet<>();

    ProcessTree(ProcessHandle root, boolean ownGroup) {
        this.root = root;
        this.ownGroup = ownGroup;
    }

    /** Terminates the tree: SIGTERM, up to {@code grace} to comply, then SIGKILL. Blocks until done. */
    void terminate(Duration grace) throws InterruptedException {
        collect();
        signalGroup("TERM");
        alive().forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        while (System.nanoTime() - deadline < 0 && !collect().isEmpty()) {
            TimeUnit.MILLISECONDS.sleep(Math.min(20, Math.max(1, grace.toMillis())));
        }
        kill();
    }

    /**
     * SIGKILLs whatever is left of the tree and its group. Called after the root exited too, so
     * background children a job left behind do not outlive its attempt.
     */
    void kill() throws InterruptedException {
        long deadline = System.nanoTime() + KILL_ROUNDS_LIMIT.toNanos();
        signalGroup("KILL");
        List<ProcessHandle> alive;
        while (!(alive = collect()).isEmpty()) {
            alive.forEach(ProcessHandle::destroyForcibly);
            if (System.nanoTime() - deadline > 0) {
                log.error("processes {} of job tree {} survived SIGKILL for {}", pids(alive), root.pid(), KILL_ROUNDS_LIMIT);
                return;
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }

    /** Adds the descendants of every living process seen to {@link #seen}; returns the living ones. */
    private List<ProcessHandle> collect() {
        seen.add(root);
        for (ProcessHandle process : List.copyOf(seen)) {
            if (process.isAlive()) {
                process.descendants().forEach(seen::add);
            }
        }
        return alive();
    }

    private List<ProcessHandle> alive() {
        return seen.stream().filter(ProcessHandle::isAlive).collect(Collectors.toList());
    }

    /** kill(1) on the whole group, which also reaches processes that escaped the parent chain. */
    private void signalGroup(String signal) throws InterruptedException {
        if (!ownGroup) {
            return;
        }
        try {
            new ProcessBuilder("kill", "-" + signal, "--", "-" + root.pid())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start()
                    .waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            // The per-process signals still run; log why the group one did not.
            log.warn("could not signal process group {}: {}", root.pid(), e.toString());
        }
    }

    private static String pids(List<ProcessHandle> processes) {
        return processes.stream().map(p -> Long.toString(p.pid())).collect(Collectors.joining(","));
    }
}
