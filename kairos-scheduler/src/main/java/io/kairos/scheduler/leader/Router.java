package io.kairos.scheduler.leader;

import io.kairos.scheduler.RunView;
import io.kairos.scheduler.WorkerView;
import io.kairos.scheduler.job.Target;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Picks a worker for a due run by its job's routing strategy. Leader-local and not replicated: the
 * choice is proposed as an Assign, which the state machine checks again. Candidates are the job's
 * eligible workers (registered, not lost, not draining, serving its group and task kind) in worker
 * id order, with the attempts each holds including Assigns still in flight.
 */
public final class Router {

    /** The run parameter that keys consistent hashing; without it the job id is the key. */
    public static final String ROUTING_KEY_PARAM = "routingKey";

    /** Points per worker on the hash ring: enough for an even spread over a handful of workers. */
    static final int VIRTUAL_NODES = 64;

    /** Round-robin position per job: the worker picked last. */
    private final Map<String, String> lastPicked = new HashMap<>();

    /**
     * @return the worker to assign {@code run} to, or empty when the run should wait (no candidate
     *     with free capacity, or the strategy's one choice is full)
     */
    public Optional<String> pick(RunView run, Target.Routing routing, List<WorkerView> candidates) {
        String key = run.params().get(ROUTING_KEY_PARAM);
        return pick(run.jobId(), key != null ? key : run.jobId(), run.shardIndex(), run.pinnedWorker(), routing,
                candidates);
    }

    /**
     * The same choice for a run known by its parts: {@code hashKey} keys consistent hashing,
     * {@code pinnedWorker} is "" unless a broadcast made the run for one worker.
     */
    Optional<String> pick(String jobId, String hashKey, int shardIndex, String pinnedWorker, Target.Routing routing,
            List<WorkerView> candidates) {
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        return switch (routing) {
            case ROUND_ROBIN -> roundRobin(jobId, candidates);
            case LEAST_BUSY -> leastBusy(candidates);
            case CONSISTENT_HASH -> ifFree(consistentHash(hashKey, candidates));
            case FIRST_HEALTHY -> ifFree(candidates.get(0));
            case BROADCAST -> pinnedWorker.isEmpty() ? ifFree(candidates.get(0)) : pinned(pinnedWorker, candidates);
            case SHARDING -> spread(shardIndex, candidates);
        };
    }

    /** Forgets the round-robin positions of jobs that no longer exist (deleted since). */
    void forgetJobsOtherThan(java.util.function.Predicate<String> exists) {
        lastPicked.keySet().removeIf(jobId -> !exists.test(jobId));
    }

    private Optional<String> roundRobin(String jobId, List<WorkerView> candidates) {
        String last = lastPicked.get(jobId);
        int start = 0;
        if (last != null) {
            while (start < candidates.size() && candidates.get(start).workerId().compareTo(last) <= 0) {
                start++;
            }
        }
        for (int i = 0; i < candidates.size(); i++) {
            WorkerView w = candidates.get((start + i) % candidates.size());
            if (w.hasFreeCapacity()) {
                lastPicked.put(jobId, w.workerId());
                return Optional.of(w.workerId());
            }
        }
        return Optional.empty();
    }

    /** The lowest share of capacity in use; ties to fewer held, then to the lower id. */
    private static Optional<String> leastBusy(List<WorkerView> candidates) {
        WorkerView best = null;
        for (WorkerView w : candidates) {
            if (!w.hasFreeCapacity()) {
                continue;
            }
            if (best == null) {
                best = w;
                continue;
            }
            long lhs = (long) w.held() * best.capacity();
            long rhs = (long) best.held() * w.capacity();
            if (lhs < rhs || (lhs == rhs && w.held() < best.held())) {
                best = w;
            }
        }
        return Optional.ofNullable(best).map(WorkerView::workerId);
    }

    /**
     * The first point clockwise from the key's hash on a ring of {@link #VIRTUAL_NODES} points per
     * worker: a key stays on its worker while that worker lives, and only the keys of a worker that
     * leaves or joins move.
     */
    static WorkerView consistentHash(String key, List<WorkerView> candidates) {
        TreeMap<Long, WorkerView> ring = new TreeMap<>();
        for (WorkerView w : candidates) {
            for (int v = 0; v < VIRTUAL_NODES; v++) {
                ring.put(hash(w.workerId() + "#" + v), w);
            }
        }
        Map.Entry<Long, WorkerView> at = ring.ceilingEntry(hash(key));
        return (at != null ? at : ring.firstEntry()).getValue();
    }

    private static Optional<String> pinned(String pinnedWorker, List<WorkerView> candidates) {
        for (WorkerView w : candidates) {
            if (w.workerId().equals(pinnedWorker)) {
                return ifFree(w);
            }
        }
        return Optional.empty();
    }

    /** Shard i starts at the i-th worker (mod the group's size) and moves on only past full ones. */
    private static Optional<String> spread(int shardIndex, List<WorkerView> candidates) {
        int n = candidates.size();
        for (int i = 0; i < n; i++) {
            WorkerView w = candidates.get((shardIndex + i) % n);
            if (w.hasFreeCapacity()) {
                return Optional.of(w.workerId());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> ifFree(WorkerView w) {
        return w.hasFreeCapacity() ? Optional.of(w.workerId()) : Optional.empty();
    }

    /** 64-bit FNV-1a over UTF-8, then a final mix so that similar keys spread over the ring. */
    static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }
}
