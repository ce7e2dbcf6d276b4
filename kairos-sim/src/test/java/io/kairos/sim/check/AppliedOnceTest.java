package io.kairos.sim.check;

import static io.kairos.sim.check.Nodes.n;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AppliedOnceTest {

    @Test
    void everyNodeApplyingAnOperationAtTheSameIndexIsFine() {
        AppliedOnce check = new AppliedOnce();
        check.onTookEffect(n(1), 42, 10);
        check.onTookEffect(n(2), 42, 10);
        assertThat(check.operations()).isEqualTo(1);
    }

    @Test
    void anOperationTakingEffectAtTwoIndexesIsAViolation() {
        AppliedOnce check = new AppliedOnce();
        check.onTookEffect(n(1), 42, 10);
        assertThatThrownBy(() -> check.onTookEffect(n(1), 42, 12))
                .isInstanceOf(InvariantViolation.class)
                .hasMessageContaining("operation 42 at index 12, but it already took effect at index 10");
    }
}
