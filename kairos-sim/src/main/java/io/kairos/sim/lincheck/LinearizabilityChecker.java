package io.kairos.sim.lincheck;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Checks whether a concurrent history is linearizable with respect to a {@link Model}.
 *
 * <p>The model splits the history into partitions, which are checked one at a time, smallest
 * first (ties by key), so that a failure names the smallest failing partition. The first failing
 * partition ends the check.
 */
public final class LinearizabilityChecker {

    private LinearizabilityChecker() {
    }

    /**
     * Decides whether {@code history} is linearizable for {@code model}.
     *
     * @param history operations in any order; operations with unknown outcome may or may not
     *     have taken effect
     * @param timeout how long the whole check may take before it answers
     *     {@link CheckResult.Unknown}; {@link Duration#ZERO} gives up on any non-empty partition
     * @throws IllegalArgumentException if the timeout is negative, or the model rejects an
     *     operation's kind of output
     */
    public static <S, I, O> CheckResult<I, O> check(Model<S, I, O> model, List<Operation<I, O>> history,
            Duration timeout) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(history, "history");
        Deadline deadline = Deadline.after(timeout);
        List<Partition<I, O>> partitions = new ArrayList<>(model.partition(history));
        partitions.sort(Comparator.<Partition<I, O>>comparingInt(p -> p.operations().size())
                .thenComparing(Partition::key));
        for (Partition<I, O> partition : partitions) {
            CheckResult<I, O> result = new PartitionSearch<>(model, partition, deadline).run();
            if (!(result instanceof CheckResult.Linearizable)) {
                return result;
            }
        }
        return new CheckResult.Linearizable<>();
    }
}
