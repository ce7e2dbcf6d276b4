package io.kairos.sim.fault;

import io.kairos.sim.event.EventLoop;
import java.util.Random;

/**
 * Runs an action again and again at exponentially distributed intervals of virtual time, from
 * {@link #start()} until {@link #stop()}. The next moment is drawn before the action runs, so the
 * sequence of random draws (and with it every seed's run) does not depend on what the action draws.
 */
final class RecurringFault {

    private final EventLoop loop;
    private final Random random;
    private final long meanMicrosBetween;
    private final Runnable action;
    private boolean active;

    RecurringFault(EventLoop loop, Random random, long meanMicrosBetween, Runnable action) {
        this.loop = loop;
        this.random = random;
        this.meanMicrosBetween = meanMicrosBetween;
        this.action = action;
    }

    void start() {
        active = true;
        scheduleNext();
    }

    void stop() {
        active = false;
    }

    boolean isActive() {
        return active;
    }

    private void scheduleNext() {
        loop.after(FaultSettings.exponential(random, meanMicrosBetween), this::fire);
    }

    private void fire() {
        if (!active) {
            return;
        }
        scheduleNext();
        action.run();
    }
}
