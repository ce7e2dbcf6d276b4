package io.kairos.sim.sched;

import io.kairos.sim.FaultMix;

/**
 * Everything about a scheduler run except its seed.
 *
 * @param masters 3 or 5
 * @param durationMicros virtual time with faults, before the final heal
 * @param faults which faults to inject (masters and workers alike)
 * @param settleMicros after the final heal, how long the cluster and workers have to settle
 * @param digestEvery compare the masters' state digests at every so many applied indexes
 */
public record SchedulerParams(int masters, long durationMicros, FaultMix faults, long settleMicros, int digestEvery) {

    public SchedulerParams {
        if (masters != 3 && masters != 5) {
            throw new IllegalArgumentException("3 or 5 masters are simulated, not " + masters);
        }
        if (durationMicros < 0 || settleMicros < 5_000_000 || digestEvery < 1 || faults == null) {
            throw new IllegalArgumentException("bad scheduler run parameters");
        }
    }

    /** The standard run: 15 s to settle, digests compared at every 4th index. */
    public static SchedulerParams of(int masters, long durationSeconds, FaultMix faults) {
        return new SchedulerParams(masters, durationSeconds * 1_000_000, faults, 15_000_000, 4);
    }
}
