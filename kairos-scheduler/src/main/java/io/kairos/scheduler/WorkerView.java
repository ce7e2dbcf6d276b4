package io.kairos.scheduler;

import java.util.SortedSet;

/**
 * A registered worker as a query sees it.
 *
 * @param lost declared lost by a committed WorkerLost; nothing is assigned to it until it registers again
 * @param held attempts it holds (ASSIGNED or RUNNING)
 */
public record WorkerView(String workerId, SortedSet<String> tags, int capacity, boolean lost, int held) {

    /** Whether it can take one more attempt. */
    public boolean hasFreeCapacity() {
        return !lost && held < capacity;
    }
}
