package io.kairos.sim.lincheck;

import io.kairos.sim.lincheck.EventList.Event;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides one partition by Wing and Gong's depth-first search with Lowe's memoization, without
 * recursion.
 *
 * <p>At each point the search tries, in time order, every call that precedes the earliest
 * pending return; a call that is legal and leads to an unexplored configuration is linearized and
 * the scan restarts from the first event. Reaching a return means none of the calls tried can
 * come next here, so the last linearization is undone and the scan goes on after it. The
 * partition is linearizable when every event has been lifted, and not when the search would have
 * to undo past the start.
 */
final class PartitionSearch<S, I, O> {

    // Reading the clock on every step would dominate small steps; every 1024th is often enough.
    private static final int DEADLINE_CHECK_MASK = 1023;

    /**
     * The search path as an immutable list from its last linearized call back to the first, so
     * that remembering a path costs one reference.
     */
    private record SearchPath<S>(Event call, S stateBefore, SearchPath<S> previous, int length) {
    }

    private final Model<S, I, O> model;
    private final String key;
    /** The partition's operations in call order, so that ids, and linearized sets, grow in order. */
    private final List<Operation<I, O>> operations;
    private final Deadline deadline;

    /** The longest path after which the search found no call to linearize, and its length. */
    private SearchPath<S> deepestPath;
    private int deepestLength = -1;
    private S deepestState;
    private List<Operation<I, O>> deepestPending = List.of();

    PartitionSearch(Model<S, I, O> model, Partition<I, O> partition, Deadline deadline) {
        this.model = model;
        this.key = partition.key();
        List<Operation<I, O>> byCallTime = new ArrayList<>(partition.operations());
        byCallTime.sort(Comparator.comparingLong(Operation::callTime));
        this.operations = byCallTime;
        this.deadline = deadline;
    }

    CheckResult<I, O> run() {
        EventList events = new EventList(operations);
        LinearizedSet linearized = new LinearizedSet(operations.size());
        Set<Configuration> explored = new HashSet<>();
        SearchPath<S> path = null;
        S state = model.init();
        Event event = events.first();
        long steps = 0;
        while (event != null) {
            if ((steps++ & DEADLINE_CHECK_MASK) == 0 && deadline.passed()) {
                return new CheckResult.Unknown<>(key);
            }
            if (event.call) {
                Operation<I, O> op = operations.get(event.operationId);
                Optional<S> next = model.step(state, op.input(), op.output());
                if (next.isPresent() && explored.add(linearized.configurationWith(event.operationId, next.get()))) {
                    path = new SearchPath<>(event, state, path, length(path) + 1);
                    state = next.get();
                    linearized.add(event.operationId);
                    EventList.lift(event);
                    event = events.first();
                } else {
                    event = event.next;
                }
            } else {
                if (length(path) > deepestLength) {
                    remember(path, state, events.first(), event);
                }
                if (path == null) {
                    return notLinearizable();
                }
                Event undone = path.call();
                state = path.stateBefore();
                path = path.previous();
                linearized.remove(undone.operationId);
                EventList.unlift(undone);
                event = undone.next;
            }
        }
        return new CheckResult.Linearizable<>();
    }

    /** Remembers a path after which no call before {@code blockingReturn} can be linearized. */
    private void remember(SearchPath<S> path, S state, Event firstPending, Event blockingReturn) {
        List<Operation<I, O>> pending = new ArrayList<>();
        for (Event e = firstPending; e != blockingReturn; e = e.next) {
            if (e.call) {
                pending.add(operations.get(e.operationId));
            }
        }
        deepestPath = path;
        deepestLength = length(path);
        deepestState = state;
        deepestPending = pending;
    }

    private CheckResult<I, O> notLinearizable() {
        List<Operation<I, O>> prefix = new ArrayList<>(deepestLength);
        for (SearchPath<S> p = deepestPath; p != null; p = p.previous()) {
            prefix.add(operations.get(p.call().operationId));
        }
        Collections.reverse(prefix);
        return new CheckResult.NotLinearizable<>(key, operations.size(), prefix, model.describeState(deepestState),
                deepestPending);
    }

    private static int length(SearchPath<?> path) {
        return path == null ? 0 : path.length();
    }
}
