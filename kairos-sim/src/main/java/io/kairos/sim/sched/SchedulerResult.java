package io.kairos.sim.sched;

import io.kairos.sim.FaultMix;
import java.util.Map;

/**
 * What one scheduler run did and whether it held up.
 *
 * @param violation the broken invariant, or null
 * @param fingerprint a hash of the masters' state digests, in the order they were first seen
 * @param counters what happened, by name (commands applied by kind, crashes, pauses, fenced reports...)
 */
public record SchedulerResult(long seed, SchedulerParams params, long virtualMicros, String violation,
        long fingerprint, Map<String, Long> counters) {

    public SchedulerResult {
        counters = Map.copyOf(counters);
    }

    public boolean failed() {
        return violation != null;
    }

    public long counter(String name) {
        return counters.getOrDefault(name, 0L);
    }

    public String replayCommand() {
        StringBuilder s = new StringBuilder("./kairos sim --workload scheduler --seed ").append(seed)
                .append(" --nodes ").append(params.masters()).append(" --duration-seconds ")
                .append(params.durationMicros() / 1_000_000);
        if (params.faults() != FaultMix.ALL) {
            s.append(" --faults ").append(params.faults().label());
        }
        return s.toString();
    }
}
