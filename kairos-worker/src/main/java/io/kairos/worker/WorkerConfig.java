package io.kairos.worker;

import io.kairos.api.worker.PollRequest;
import io.kairos.api.worker.RegisterRequest;
import io.kairos.worker.sdk.JobHandler;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How a {@link WorkerAgent} runs. Build one with {@link #builder(String, List)}; every field but the
 * id and the masters has a default.
 *
 * @param workerId 1 to 128 of {@code A-Z a-z 0-9 . _ -}, stable across restarts
 * @param masters the masters' API base URLs, e.g. {@code http://10.0.0.1:7070}; any of them will do
 * @param tags the groups this worker serves; the reserved {@link RegisterRequest#SHELL_TAG} is added
 *     by {@code shellEnabled}, never given here
 * @param capacity how many attempts run at once, at least 1
 * @param shellEnabled whether shell tasks run (they run any command a job names: opt-in)
 * @param dataDir where attempts' log files go ({@code <dataDir>/logs/<runId>-<attempt>.log})
 * @param drainTimeout how long a drain lets running attempts finish before cancelling them
 * @param killGrace how long a cancelled shell job has between SIGTERM and SIGKILL
 * @param maxPollWait the longest a poll may wait at the leader (also bounded by the heartbeat)
 * @param handlers the Java handlers; empty means those found by {@code ServiceLoader}
 * @param apiToken the masters' API bearer token, or null when their API needs none (loopback)
 */
public record WorkerConfig(String workerId, List<URI> masters, List<String> tags, int capacity,
        boolean shellEnabled, Path dataDir, Duration drainTimeout, Duration killGrace, Duration maxPollWait,
        List<JobHandler> handlers, String apiToken) {

    private static final Pattern WORKER_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    public WorkerConfig {
        Objects.requireNonNull(workerId, "workerId");
        if (!WORKER_ID.matcher(workerId).matches()) {
            throw new IllegalArgumentException("worker id '" + workerId
                    + "' must be 1 to 128 of A-Z a-z 0-9 . _ -");
        }
        masters = List.copyOf(masters);
        if (masters.isEmpty()) {
            throw new IllegalArgumentException("a worker needs at least one master URL");
        }
        for (URI master : masters) {
            if (!"http".equals(master.getScheme()) && !"https".equals(master.getScheme())
                    || master.getHost() == null) {
                throw new IllegalArgumentException("master '" + master + "' is not an http:// or https:// URL");
            }
        }
        masters = masters.stream().map(m -> URI.create(MasterClient.stripSlash(m.toString()))).toList();
        tags = List.copyOf(tags);
        if (tags.contains(RegisterRequest.SHELL_TAG)) {
            throw new IllegalArgumentException("tag " + RegisterRequest.SHELL_TAG
                    + " is reserved: enable shell jobs instead (--enable-shell)");
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        Objects.requireNonNull(dataDir, "dataDir");
        requireNotNegative(drainTimeout, "drainTimeout");
        requireNotNegative(killGrace, "killGrace");
        requireNotNegative(maxPollWait, "maxPollWait");
        handlers = List.copyOf(handlers);
        if (apiToken != null && (apiToken.isBlank() || apiToken.chars().anyMatch(Character::isWhitespace))) {
            throw new IllegalArgumentException("the API token must not be blank or hold whitespace");
        }
    }

    @Override
    public String toString() {
        return "WorkerConfig[" + workerId + ", masters " + masters + ", tags " + tags + ", capacity " + capacity
                + ", shell " + (shellEnabled ? "enabled" : "disabled") + ", token " + (apiToken == null ? "none"
                : "set") + "]";
    }

    /** A worker of one slot, no tags, shell off, data in {@code ./kairos-worker-data}. */
    public static Builder builder(String workerId, List<URI> masters) {
        return new Builder(workerId, masters);
    }

    private static void requireNotNegative(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, got " + duration);
        }
    }

    /** Builds a {@link WorkerConfig}; validation happens in {@link #build()}. */
    public static final class Builder {

        private final String workerId;
        private final List<URI> masters;
        private List<String> tags = List.of();
        private int capacity = 1;
        private boolean shellEnabled;
        private Path dataDir = Path.of("kairos-worker-data");
        private Duration drainTimeout = Duration.ofSeconds(30);
        private Duration killGrace = Duration.ofSeconds(2);
        private Duration maxPollWait = Duration.ofMillis(PollRequest.MAX_WAIT_MILLIS);
        private final List<JobHandler> handlers = new ArrayList<>();
        private String apiToken;

        private Builder(String workerId, List<URI> masters) {
            this.workerId = workerId;
            this.masters = List.copyOf(masters);
        }

        public Builder tags(List<String> tags) {
            this.tags = List.copyOf(tags);
            return this;
        }

        public Builder capacity(int capacity) {
            this.capacity = capacity;
            return this;
        }

        public Builder shellEnabled(boolean shellEnabled) {
            this.shellEnabled = shellEnabled;
            return this;
        }

        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        public Builder drainTimeout(Duration drainTimeout) {
            this.drainTimeout = drainTimeout;
            return this;
        }

        public Builder killGrace(Duration killGrace) {
            this.killGrace = killGrace;
            return this;
        }

        public Builder maxPollWait(Duration maxPollWait) {
            this.maxPollWait = maxPollWait;
            return this;
        }

        /** Adds a Java handler; once any is added, {@code ServiceLoader} is not consulted. */
        public Builder handler(JobHandler handler) {
            this.handlers.add(Objects.requireNonNull(handler, "handler"));
            return this;
        }

        /** The masters' API bearer token (never logged). */
        public Builder apiToken(String token) {
            this.apiToken = token;
            return this;
        }

        public WorkerConfig build() {
            return new WorkerConfig(workerId, masters, tags, capacity, shellEnabled, dataDir, drainTimeout,
                    killGrace, maxPollWait, handlers, apiToken);
        }
    }
}
