package io.kairos.scheduler;

import io.kairos.scheduler.job.JobSpec;
import java.util.SortedSet;

/** A registered worker as the replicated state knows it; liveness itself is judged by the leader. */
final class Worker {

    final String workerId;
    SortedSet<String> tags;
    int capacity;
    /** Set by WorkerLost, cleared by RegisterWorker. A lost worker is never assigned anything. */
    boolean lost;

    Worker(String workerId, SortedSet<String> tags, int capacity) {
        this.workerId = workerId;
        this.tags = tags;
        this.capacity = capacity;
    }

    boolean serves(JobSpec spec) {
        return spec.runsOn(tags);
    }

    WorkerView view(int held) {
        return new WorkerView(workerId, tags, capacity, lost, held);
    }
}
