package io.kairos.scheduler.leader;

import io.kairos.scheduler.RunView;
import java.util.List;

/**
 * What the leader tells a polling worker.
 *
 * @param registered false when the worker is unknown or declared lost: it must drop what it holds
 *     and register again
 * @param dispatches committed attempts of this worker it did not list: run them
 * @param cancels attempts it listed that are no longer its current ones: stop them
 */
public record PollAnswer(boolean registered, List<RunView> dispatches, List<HeldAttempt> cancels) {

    public boolean isEmpty() {
        return registered && dispatches.isEmpty() && cancels.isEmpty();
    }
}
