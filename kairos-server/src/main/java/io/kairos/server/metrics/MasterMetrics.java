package io.kairos.server.metrics;

import io.kairos.raft.Role;
import io.kairos.server.loop.NodeStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A master's Prometheus metrics. Gauges hold the values of the last {@link #update}, which the
 * {@code /metrics} route calls with a fresh status from the event loop and fresh numbers from the
 * applier just before rendering; the dispatch lateness timer is recorded as the leader dispatches.
 */
public final class MasterMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, AtomicLong> values = new ConcurrentHashMap<>();
    private final Timer dispatchLateness;

    public MasterMetrics(int nodeId) {
        registry.config().commonTags(Tags.of("node", "n" + nodeId));
        gauge("kairos_raft_term", "the current Raft term");
        gauge("kairos_raft_leader", "1 while this master is the leader");
        gauge("kairos_raft_has_leader", "1 while this master knows a leader");
        gauge("kairos_raft_commit_index", "the highest index known committed");
        gauge("kairos_raft_applied_index", "the highest index applied to the state machine");
        gauge("kairos_raft_apply_lag_entries", "committed entries not yet applied");
        gauge("kairos_raft_snapshot_index", "the index of the latest snapshot");
        gauge("kairos_raft_follower_lag_entries_max", "on the leader: the most entries any follower lacks");
        gauge("kairos_scheduler_jobs", "jobs");
        gauge("kairos_scheduler_jobs_paused", "paused jobs");
        for (String state : new String[] {"queued", "pending", "assigned", "running"}) {
            Gauge.builder("kairos_scheduler_runs_live", values.computeIfAbsent("runs_" + state, k -> new AtomicLong()),
                    AtomicLong::get).description("live runs by state").tag("state", state).register(registry);
        }
        for (String state : new String[] {"alive", "lost"}) {
            Gauge.builder("kairos_scheduler_workers", values.computeIfAbsent("workers_" + state, k -> new AtomicLong()),
                    AtomicLong::get).description("registered workers").tag("state", state).register(registry);
        }
        gauge("kairos_scheduler_fired", "scheduled times that made runs, over all jobs kept");
        gauge("kairos_scheduler_skipped_fires", "scheduled times skipped by misfire or overlap policy, over all jobs kept");
        gauge("kairos_scheduler_stale_reports", "worker reports fenced off as stale, since the cluster began");
        gauge("kairos_scheduler_clock_lag_millis", "wall clock minus the replicated clock");
        dispatchLateness = Timer.builder("kairos_scheduler_dispatch_lateness")
                .description("on the leader: when a run's first attempt went to its worker, minus its scheduled time")
                .publishPercentiles(0.5, 0.99).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
    }

    private void gauge(String name, String description) {
        Gauge.builder(name, values.computeIfAbsent(name, k -> new AtomicLong()), AtomicLong::get)
                .description(description).register(registry);
    }

    private void set(String name, long value) {
        values.get(name).set(value);
    }

    /** A scheduler proposal of the leader failed: which command, and why (the failure's kind). */
    public void proposalFailed(String command, String kind) {
        io.micrometer.core.instrument.Counter.builder("kairos_scheduler_proposals_failed")
                .description("leader proposals (Tick, Assign, WorkerLost) refused or lost, made again at once")
                .tag("command", command).tag("reason", kind).register(registry).increment();
    }

    /**
     * Attempts this leader gave to workers: {@code by} "tick" for on-time fires its Ticks placed (one
     * commit per fire), "assign" for the rest (retries, failovers, on-demand runs, missed guesses).
     */
    public void assigned(String by, long attempts) {
        io.micrometer.core.instrument.Counter.builder("kairos_scheduler_assignments")
                .description("attempts the leader gave to workers, by a Tick's placement or by an Assign")
                .tag("by", by).register(registry).increment(attempts);
    }

    public void recordDispatchLateness(long millis) {
        dispatchLateness.record(Duration.ofMillis(Math.max(0, millis)));
    }

    /** Takes in a status and the scheduler's numbers (null when unknown, e.g. the applier is stopping). */
    public void update(NodeStatus status, SchedulerStats stats) {
        set("kairos_raft_term", status.term());
        set("kairos_raft_leader", status.role() == Role.LEADER ? 1 : 0);
        set("kairos_raft_has_leader", status.leader() != null ? 1 : 0);
        set("kairos_raft_commit_index", status.commitIndex());
        set("kairos_raft_applied_index", status.appliedIndex());
        set("kairos_raft_apply_lag_entries", Math.max(0, status.commitIndex() - status.appliedIndex()));
        set("kairos_raft_snapshot_index", status.snapshotIndex());
        set("kairos_raft_follower_lag_entries_max",
                status.followers().values().stream().mapToLong(NodeStatus.Follower::lag).max().orElse(0));
        if (stats != null) {
            set("kairos_scheduler_jobs", stats.jobs());
            set("kairos_scheduler_jobs_paused", stats.pausedJobs());
            values.get("runs_queued").set(stats.queued());
            values.get("runs_pending").set(stats.pending());
            values.get("runs_assigned").set(stats.assigned());
            values.get("runs_running").set(stats.running());
            values.get("workers_alive").set(stats.workersAlive());
            values.get("workers_lost").set(stats.workersLost());
            set("kairos_scheduler_fired", stats.firedTotal());
            set("kairos_scheduler_skipped_fires", stats.skippedTotal());
            set("kairos_scheduler_stale_reports", stats.staleReports());
            set("kairos_scheduler_clock_lag_millis", stats.clockLagMillis());
        }
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }
}
