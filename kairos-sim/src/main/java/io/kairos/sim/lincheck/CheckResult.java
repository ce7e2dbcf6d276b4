package io.kairos.sim.lincheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The verdict on a history: linearizable, not linearizable (with a witness), or unknown. */
public sealed interface CheckResult<I, O> {

    /** Some order of the operations that respects their real-time order is legal for the model. */
    record Linearizable<I, O>() implements CheckResult<I, O> {
    }

    /**
     * No legal order exists. Describes the smallest failing partition by the longest prefix of its
     * operations that has a legal order respecting real time, and the operations that cannot follow
     * it.
     *
     * @param key the failing partition's key
     * @param partitionSize how many operations the failing partition has
     * @param linearizedPrefix the longest legal linearization of the partition's operations the
     *     search found, in linearization order
     * @param stateAfterPrefix the model's state after {@code linearizedPrefix}, as the model
     *     describes it
     * @param pending the operations invoked before the earliest return among the operations not in
     *     the prefix, in call order: none of them is legal in {@code stateAfterPrefix}, yet the
     *     earliest-returning one must be linearized before any operation invoked after it returned
     */
    record NotLinearizable<I, O>(
            String key,
            int partitionSize,
            List<Operation<I, O>> linearizedPrefix,
            String stateAfterPrefix,
            List<Operation<I, O>> pending) implements CheckResult<I, O> {

        public NotLinearizable {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(stateAfterPrefix, "stateAfterPrefix");
            linearizedPrefix = List.copyOf(linearizedPrefix);
            pending = List.copyOf(pending);
            if (pending.isEmpty()) {
                throw new IllegalArgumentException("a failing partition has pending operations: " + key);
            }
        }

        /**
         * Lines describing the failure for a person: the key, the last {@code maxPrefixLines}
         * operations of the prefix, the state after it and the pending operations.
         */
        public List<String> describe(Model<?, I, O> model, int maxPrefixLines) {
            List<String> lines = new ArrayList<>();
            lines.add("key \"" + key + "\": " + partitionSize + " operations; the longest linearizable prefix has "
                    + linearizedPrefix.size());
            int shown = Math.min(maxPrefixLines, linearizedPrefix.size());
            if (shown < linearizedPrefix.size()) {
                lines.add("  ... " + (linearizedPrefix.size() - shown) + " earlier operations");
            }
            for (Operation<I, O> op : linearizedPrefix.subList(linearizedPrefix.size() - shown,
                    linearizedPrefix.size())) {
                lines.add("  " + describe(model, op));
            }
            lines.add("state after the prefix: " + stateAfterPrefix);
            lines.add("none of these pending operations can come next:");
            for (Operation<I, O> op : pending) {
                lines.add("  " + describe(model, op));
            }
            return lines;
        }

        private static <I, O> String describe(Model<?, I, O> model, Operation<I, O> op) {
            String returned = op.outcomeKnown() ? Long.toString(op.returnTime()) : "?";
            return "[" + op.callTime() + ", " + returned + "] client " + op.clientId() + ": "
                    + model.describe(op.input(), op.output());
        }
    }

    /** The check ran out of time before deciding; it was checking partition {@code key}. */
    record Unknown<I, O>(String key) implements CheckResult<I, O> {

        public Unknown {
            Objects.requireNonNull(key, "key");
        }
    }
}
