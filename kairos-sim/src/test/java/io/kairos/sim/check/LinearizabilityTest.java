package io.kairos.sim.check;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kairos.sim.history.History;
import io.kairos.sim.history.OpKind;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LinearizabilityTest {

    @Test
    void overlappingOperationsMayTakeEffectInEitherOrder() {
        History h = new History();
        h.invoke(1, 0, OpKind.PUT, "k", "a", 0);
        h.invoke(2, 1, OpKind.GET, "k", "", 5);
        h.complete(2, "", 8); // the read overlapped the put and may come first
        h.complete(1, "", 10);
        h.invoke(3, 2, OpKind.APPEND, "k", "b", 11); // never answered: may or may not have happened
        h.invoke(4, 1, OpKind.GET, "k", "", 20);
        h.complete(4, "ab", 25);
        assertThatCode(() -> Linearizability.check(h.records(), Duration.ofSeconds(10))).doesNotThrowAnyException();
    }

    @Test
    void aReadMissingAWriteThatCompletedBeforeItIsAViolation() {
        History h = new History();
        h.invoke(1, 0, OpKind.PUT, "k", "a", 0);
        h.complete(1, "", 10);
        h.invoke(2, 1, OpKind.GET, "k", "", 11);
        h.complete(2, "", 12); // stale: the put had returned before the read was called
        assertThatThrownBy(() -> Linearizability.check(h.records(), Duration.ofSeconds(10)))
                .isInstanceOf(InvariantViolation.class)
                .hasMessageContaining("linearizability")
                .hasMessageContaining("key \"k\"");
    }
}
