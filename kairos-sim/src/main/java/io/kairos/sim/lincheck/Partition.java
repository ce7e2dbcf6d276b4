package io.kairos.sim.lincheck;

import java.util.List;
import java.util.Objects;

/**
 * The operations of a history that touch one key, checked independently of the others.
 *
 * @param key names the partition in results, e.g. the key of a key-value store
 * @param operations in the history's order
 */
public record Partition<I, O>(String key, List<Operation<I, O>> operations) {

    public Partition {
        Objects.requireNonNull(key, "key");
        operations = List.copyOf(operations);
    }
}
