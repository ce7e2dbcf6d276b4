package io.kairos.sim.lincheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kairos.sim.lincheck.RegisterInput.CompareAndSet;
import io.kairos.sim.lincheck.RegisterInput.Read;
import io.kairos.sim.lincheck.RegisterInput.Write;
import io.kairos.sim.lincheck.RegisterOutput.CasFailed;
import io.kairos.sim.lincheck.RegisterOutput.Ok;
import io.kairos.sim.lincheck.RegisterOutput.ReadReturned;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class RegisterModelTest {

    private static final OptionalInt NIL = OptionalInt.empty();

    private final RegisterModel model = new RegisterModel();

    @Test
    void aFreshRegisterHoldsNil() {
        assertThat(model.init()).isEqualTo(NIL);
        assertThat(model.step(NIL, new Read(), new ReadReturned(NIL))).contains(NIL);
        assertThat(model.step(NIL, new Read(), new ReadReturned(OptionalInt.of(0)))).isEmpty();
    }

    @Test
    void aWriteReplacesTheValue() {
        assertThat(model.step(OptionalInt.of(3), new Write(4), new Ok())).contains(OptionalInt.of(4));
    }

    @Test
    void aCasAppliesOnlyWhenTheRegisterHoldsTheExpectedValue() {
        CompareAndSet cas = new CompareAndSet(4, 2);
        assertThat(model.step(OptionalInt.of(4), cas, new Ok())).contains(OptionalInt.of(2));
        assertThat(model.step(OptionalInt.of(3), cas, new Ok())).isEmpty();
        assertThat(model.step(NIL, cas, new Ok())).isEmpty();
    }

    @Test
    void aFailedCasMeansTheRegisterHeldAnotherValueAndChangesNothing() {
        CompareAndSet cas = new CompareAndSet(4, 2);
        assertThat(model.step(OptionalInt.of(3), cas, new CasFailed())).contains(OptionalInt.of(3));
        assertThat(model.step(NIL, cas, new CasFailed())).contains(NIL);
        assertThat(model.step(OptionalInt.of(4), cas, new CasFailed())).isEmpty();
    }

    @Test
    void anOperationWithUnknownOutcomeAcceptsAnyOutputAndLeavesTheStateItsInputImplies() {
        assertThat(model.step(OptionalInt.of(4), new CompareAndSet(4, 2), null)).contains(OptionalInt.of(2));
        assertThat(model.step(OptionalInt.of(3), new CompareAndSet(4, 2), null)).contains(OptionalInt.of(3));
        assertThat(model.step(NIL, new Write(1), null)).contains(OptionalInt.of(1));
        assertThat(model.step(OptionalInt.of(7), new Read(), null)).contains(OptionalInt.of(7));
    }

    @Test
    void anOutputOfTheWrongKindIsABugInTheHistoryNotAnIllegalStep() {
        assertThatThrownBy(() -> model.step(NIL, new Read(), new Ok()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Read");
        assertThatThrownBy(() -> model.step(NIL, new Write(1), new CasFailed()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theWholeHistoryIsOnePartition() {
        List<Operation<RegisterInput, RegisterOutput>> history =
                List.of(Histories.write(0, 1, 1, 2), Histories.read(1, 1, 3, 4));
        assertThat(model.partition(history)).containsExactly(new Partition<>("register", history));
    }

    @Test
    void everyKindOfInputAndOutputIsHandled() {
        List<RegisterInput> inputs = List.of(new Read(), new Write(1), new CompareAndSet(1, 2));
        List<RegisterOutput> outputs = List.of(new ReadReturned(NIL), new Ok(), new CasFailed());
        assertThat(inputs).extracting(Object::getClass)
                .containsExactlyInAnyOrder(RegisterInput.class.getPermittedSubclasses());
        assertThat(outputs).extracting(Object::getClass)
                .containsExactlyInAnyOrder(RegisterOutput.class.getPermittedSubclasses());
        assertThat(model.describe(new Read(), new ReadReturned(NIL))).isEqualTo("read -> nil");
        assertThat(model.describe(new Write(1), new Ok())).isEqualTo("write 1 -> ok");
        assertThat(model.describe(new CompareAndSet(1, 2), new CasFailed())).isEqualTo("cas [1 2] -> fail");
        assertThat(model.describe(new CompareAndSet(1, 2), null)).isEqualTo("cas [1 2] -> unknown");
        assertThat(model.step(NIL, new Write(5), new Ok()).map(model::describeState)).isEqualTo(Optional.of("5"));
    }
}
