package io.kairos.sim.lincheck;

import java.util.List;
import java.util.Optional;

/**
 * The sequential specification a history is checked against: a deterministic state machine whose
 * states are immutable values.
 *
 * <p>States are memoized by the checker, so {@code S} must implement {@code equals} and
 * {@code hashCode} by value and must never be mutated after {@link #step} returns it.
 *
 * @param <S> the state of the specified object
 * @param <I> an operation's input
 * @param <O> an operation's output
 */
public interface Model<S, I, O> {

    /** The state before any operation. */
    S init();

    /**
     * The state after applying {@code input} in {@code state}, or empty if the object could not
     * have produced {@code output} from {@code state}.
     *
     * @param output the operation's output, or null if its outcome is unknown; then any output is
     *     acceptable and the result is the state the input leaves
     * @throws IllegalArgumentException if {@code output} is not a kind of output {@code input} can
     *     have, which is a bug in whoever built the history
     */
    Optional<S> step(S state, I input, O output);

    /**
     * Splits a history into independent parts that can be checked one by one: operations of
     * different partitions never affect each other. Each operation appears in exactly one
     * partition, partitions keep the history's order, and their keys are distinct.
     *
     * <p>By default the whole history is one partition.
     */
    default List<Partition<I, O>> partition(List<Operation<I, O>> history) {
        return List.of(new Partition<>("all", history));
    }

    /** A one-line description of an operation, e.g. {@code write 4 -> ok}; output null if unknown. */
    String describe(I input, O output);

    /** A one-line description of a state. */
    default String describeState(S state) {
        return String.valueOf(state);
    }
}
