package io.kairos.sim.lincheck;

import io.kairos.sim.lincheck.RegisterInput.CompareAndSet;
import io.kairos.sim.lincheck.RegisterInput.Read;
import io.kairos.sim.lincheck.RegisterInput.Write;
import io.kairos.sim.lincheck.RegisterOutput.CasFailed;
import io.kairos.sim.lincheck.RegisterOutput.Ok;
import io.kairos.sim.lincheck.RegisterOutput.ReadReturned;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A single compare-and-set register holding an integer, initially without a value ({@code nil}).
 * The whole history is one partition, keyed {@value #KEY}.
 */
public final class RegisterModel implements Model<OptionalInt, RegisterInput, RegisterOutput> {

    static final String KEY = "register";

    @Override
    public OptionalInt init() {
        return OptionalInt.empty();
    }

    @Override
    public Optional<OptionalInt> step(OptionalInt state, RegisterInput input, RegisterOutput output) {
        if (input instanceof Read) {
            if (output == null) {
                return Optional.of(state);
            }
            return state.equals(expect(ReadReturned.class, input, output).value())
                    ? Optional.of(state) : Optional.empty();
        }
        if (input instanceof Write write) {
            if (output != null) {
                expect(Ok.class, input, output);
            }
            return Optional.of(OptionalInt.of(write.value()));
        }
        if (input instanceof CompareAndSet cas) {
            boolean found = state.isPresent() && state.getAsInt() == cas.expected();
            OptionalInt swapped = OptionalInt.of(cas.replacement());
            if (output == null) {
                return Optional.of(found ? swapped : state);
            }
            if (output instanceof Ok) {
                return found ? Optional.of(swapped) : Optional.empty();
            }
            expect(CasFailed.class, input, output);
            return found ? Optional.empty() : Optional.of(state);
        }
        throw new AssertionError("unhandled register input: " + input);
    }

    @Override
    public List<Partition<RegisterInput, RegisterOutput>> partition(
            List<Operation<RegisterInput, RegisterOutput>> history) {
        return List.of(new Partition<>(KEY, history));
    }

    @Override
    public String describe(RegisterInput input, RegisterOutput output) {
        return describe(input) + " -> " + describe(output);
    }

    @Override
    public String describeState(OptionalInt state) {
        return describe(state);
    }

    private static String describe(RegisterInput input) {
        if (input instanceof Read) {
            return "read";
        }
        if (input instanceof Write write) {
            return "write " + write.value();
        }
        if (input instanceof CompareAndSet cas) {
            return "cas [" + cas.expected() + " " + cas.replacement() + "]";
        }
        throw new AssertionError("unhandled register input: " + input);
    }

    private static String describe(RegisterOutput output) {
        if (output == null) {
            return "unknown";
        }
        if (output instanceof ReadReturned read) {
            return describe(read.value());
        }
        if (output instanceof Ok) {
            return "ok";
        }
        if (output instanceof CasFailed) {
            return "fail";
        }
        throw new AssertionError("unhandled register output: " + output);
    }

    private static String describe(OptionalInt value) {
        return value.isPresent() ? Integer.toString(value.getAsInt()) : "nil";
    }

    private static <T extends RegisterOutput> T expect(Class<T> kind, RegisterInput input, RegisterOutput output) {
        if (!kind.isInstance(output)) {
            throw new IllegalArgumentException(input + " cannot return " + output);
        }
        return kind.cast(output);
    }
}
