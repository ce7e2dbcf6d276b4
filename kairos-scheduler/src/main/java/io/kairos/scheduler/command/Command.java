package io.kairos.scheduler.command;

import io.kairos.scheduler.job.JobSpec;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A change to the scheduler's replicated state, proposed to Raft as bytes ({@link CommandCodec})
 * and applied on every master. Each record validates itself, so a decoded command is a valid one.
 */
public sealed interface Command permits Command.CreateJob, Command.UpdateJob, Command.PauseJob, Command.ResumeJob,
        Command.DeleteJob, Command.TriggerJob, Command.Tick, Command.RegisterWorker, Command.Assign, Command.Started,
        Command.Finished, Command.WorkerLost, Command.DeregisterWorker, Command.CancelRun {

    /** Job and worker ids: 1 to 128 of {@code A-Z a-z 0-9 . _ -}. */
    Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    /** The longest output tail a Finished report may carry, in characters. */
    int MAX_OUTPUT_TAIL = 4096;

    /** Creates a job at version 1. */
    record CreateJob(String jobId, JobSpec spec) implements Command {
        public CreateJob {
            requireId("job id", jobId);
            requireNonNull("spec", spec);
        }
    }

    /** Replaces a job's spec if its version is still {@code expectedVersion}; the version then grows by one. */
    record UpdateJob(String jobId, long expectedVersion, JobSpec spec) implements Command {
        public UpdateJob {
            requireId("job id", jobId);
            if (expectedVersion < 1) {
                throw new IllegalArgumentException("expected version must be at least 1, was " + expectedVersion);
            }
            requireNonNull("spec", spec);
        }
    }

    /** Stops a job from firing; fires due meanwhile meet the misfire policy on resume. */
    record PauseJob(String jobId) implements Command {
        public PauseJob {
            requireId("job id", jobId);
        }
    }

    /** Lets a paused job fire again. */
    record ResumeJob(String jobId) implements Command {
        public ResumeJob {
            requireId("job id", jobId);
        }
    }

    /** Removes a job with all its runs; later reports for them find nothing. */
    record DeleteJob(String jobId) implements Command {
        public DeleteJob {
            requireId("job id", jobId);
        }
    }

    /** Runs a job now, on demand, with parameters for its handler. */
    record TriggerJob(String jobId, SortedMap<String, String> params) implements Command {
        public TriggerJob {
            requireId("job id", jobId);
            requireNonNull("params", params);
            for (Map.Entry<String, String> e : params.entrySet()) {
                if (e.getKey() == null || e.getKey().isEmpty() || e.getValue() == null) {
                    throw new IllegalArgumentException("trigger parameters need non-empty names and non-null values");
                }
            }
            params = Collections.unmodifiableSortedMap(new TreeMap<>(params));
        }
    }

    /**
     * The most placements one Tick may carry: with ids at their longest, about 1.2 MB, well inside
     * a replication frame (the runs of a larger burst get ordinary Assigns).
     */
    int MAX_PLACEMENTS = 4_096;

    /**
     * Replicated time: the proposing leader's clock, in epoch milliseconds. {@code placements} are
     * the leader's routing of the fires it expects this Tick to make: a run the Tick makes for a
     * placement's {@code (jobId, scheduledMillis, shardIndex)} is assigned to its worker in the same
     * apply, by the rules of an Assign, so that the fire needs one commit instead of two. A placement
     * that matches no new run, or whose Assign would be refused, is ignored and the run waits PENDING
     * for an ordinary Assign.
     */
    record Tick(long millis, List<Placement> placements) implements Command {
        public Tick {
            if (millis < 0) {
                throw new IllegalArgumentException("tick must not be negative, was " + millis);
            }
            requireNonNull("placements", placements);
            if (placements.size() > MAX_PLACEMENTS) {
                throw new IllegalArgumentException("a tick carries at most " + MAX_PLACEMENTS + " placements, had "
                        + placements.size());
            }
            placements = List.copyOf(placements);
        }

        public Tick(long millis) {
            this(millis, List.of());
        }
    }

    /** Which worker should run a fire's run: its attempt 1 (see {@link Tick}). */
    record Placement(String jobId, long scheduledMillis, int shardIndex, String workerId) {
        public Placement {
            requireId("job id", jobId);
            if (shardIndex < 0) {
                throw new IllegalArgumentException("shard index must not be negative, was " + shardIndex);
            }
            requireId("worker id", workerId);
        }
    }

    /** Adds or refreshes a worker; a lost worker registering again is alive again. */
    record RegisterWorker(String workerId, SortedSet<String> tags, int capacity) implements Command {
        public RegisterWorker {
            requireId("worker id", workerId);
            requireNonNull("tags", tags);
            for (String tag : tags) {
                if (tag == null || tag.isEmpty() || tag.length() > 128) {
                    throw new IllegalArgumentException("worker tags must be 1 to 128 characters");
                }
            }
            tags = Collections.unmodifiableSortedSet(new TreeSet<>(tags));
            if (capacity < 1) {
                throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
            }
        }

        public RegisterWorker(String workerId, Set<String> tags, int capacity) {
            this(workerId, new TreeSet<>(tags), capacity);
        }
    }

    /** The leader gives attempt {@code attempt} of run {@code runId} to a worker; dispatch follows the commit. */
    record Assign(long runId, String workerId, int attempt) implements Command {
        public Assign {
            requireRun(runId, attempt);
            requireId("worker id", workerId);
        }
    }

    /** The worker began the attempt. */
    record Started(long runId, int attempt) implements Command {
        public Started {
            requireRun(runId, attempt);
        }
    }

    /** The worker's report of how the attempt ended. */
    record Finished(long runId, int attempt, Outcome outcome, int exitCode, String outputTail) implements Command {
        public Finished {
            requireRun(runId, attempt);
            requireNonNull("outcome", outcome);
            requireNonNull("output tail", outputTail);
            if (outputTail.length() > MAX_OUTPUT_TAIL) {
                throw new IllegalArgumentException(
                        "output tail must be at most " + MAX_OUTPUT_TAIL + " characters, was " + outputTail.length());
            }
        }
    }

    /** The leader saw the worker's lease expire: its live attempts are re-queued as new attempts. */
    record WorkerLost(String workerId) implements Command {
        public WorkerLost {
            requireId("worker id", workerId);
        }
    }

    /**
     * The worker leaves on purpose (it is stopping): it is forgotten, and attempts it still holds
     * become new attempts, due now, without counting as failures (pinned broadcast runs end FAILED).
     */
    record DeregisterWorker(String workerId) implements Command {
        public DeregisterWorker {
            requireId("worker id", workerId);
        }
    }

    /**
     * An operator stops a live run: it ends CANCELLED, its attempt is fenced off, and the worker
     * holding it is told to stop it on its next poll.
     */
    record CancelRun(long runId) implements Command {
        public CancelRun {
            if (runId < 1) {
                throw new IllegalArgumentException("run id must be at least 1, was " + runId);
            }
        }
    }

    /** How an attempt ended on its worker. */
    enum Outcome { SUCCEEDED, FAILED }

    private static void requireId(String what, String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException(what + " must be 1 to 128 of [A-Za-z0-9._-], was '" + id + "'");
        }
    }

    private static void requireNonNull(String what, Object value) {
        if (value == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
    }

    private static void requireRun(long runId, int attempt) {
        if (runId < 1) {
            throw new IllegalArgumentException("run id must be at least 1, was " + runId);
        }
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be at least 1, was " + attempt);
        }
    }
}
