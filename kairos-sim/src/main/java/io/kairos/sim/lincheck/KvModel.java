package io.kairos.sim.lincheck;

import io.kairos.sim.lincheck.KvInput.Append;
import io.kairos.sim.lincheck.KvInput.Get;
import io.kairos.sim.lincheck.KvInput.Put;
import io.kairos.sim.lincheck.KvOutput.GetReturned;
import io.kairos.sim.lincheck.KvOutput.Ok;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A key-value store of strings with get, put and append, partitioned per key: the state of a
 * partition is its key's value, initially the empty string.
 */
public final class KvModel implements Model<String, KvInput, KvOutput> {

    @Override
    public String init() {
        return "";
    }

    @Override
    public Optional<String> step(String state, KvInput input, KvOutput output) {
        if (input instanceof Get) {
            if (output == null) {
                return Optional.of(state);
            }
            if (!(output instanceof GetReturned got)) {
                throw new IllegalArgumentException(input + " cannot return " + output);
            }
            return state.equals(got.value()) ? Optional.of(state) : Optional.empty();
        }
        if (output != null && !(output instanceof Ok)) {
            throw new IllegalArgumentException(input + " cannot return " + output);
        }
        if (input instanceof Put put) {
            return Optional.of(put.value());
        }
        if (input instanceof Append append) {
            return Optional.of(state + append.value());
        }
        throw new AssertionError("unhandled kv input: " + input);
    }

    @Override
    public List<Partition<KvInput, KvOutput>> partition(List<Operation<KvInput, KvOutput>> history) {
        Map<String, List<Operation<KvInput, KvOutput>>> byKey = new LinkedHashMap<>();
        for (Operation<KvInput, KvOutput> op : history) {
            byKey.computeIfAbsent(op.input().key(), key -> new ArrayList<>()).add(op);
        }
        List<Partition<KvInput, KvOutput>> partitions = new ArrayList<>(byKey.size());
        byKey.forEach((key, operations) -> partitions.add(new Partition<>(key, operations)));
        return partitions;
    }

    @Override
    public String describe(KvInput input, KvOutput output) {
        return describe(input) + " -> " + describe(output);
    }

    @Override
    public String describeState(String state) {
        return quote(state);
    }

    private static String describe(KvInput input) {
        if (input instanceof Get get) {
            return "get " + quote(get.key());
        }
        if (input instanceof Put put) {
            return "put " + quote(put.key()) + " " + quote(put.value());
        }
        if (input instanceof Append append) {
            return "append " + quote(append.key()) + " " + quote(append.value());
        }
        throw new AssertionError("unhandled kv input: " + input);
    }

    private static String describe(KvOutput output) {
        if (output == null) {
            return "unknown";
        }
        if (output instanceof GetReturned got) {
            return quote(got.value());
        }
        if (output instanceof Ok) {
            return "ok";
        }
        throw new AssertionError("unhandled kv output: " + output);
    }

    private static String quote(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
