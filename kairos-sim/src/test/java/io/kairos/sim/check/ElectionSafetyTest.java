package io.kairos.sim.check;

import static io.kairos.sim.check.Nodes.n;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ElectionSafetyTest {

    @Test
    void oneLeaderPerTermIsFineAndCountsAsOneElection() {
        ElectionSafety check = new ElectionSafety();
        assertThat(check.observeLeader(1, n(1))).isTrue();
        assertThat(check.observeLeader(1, n(1))).isFalse();
        assertThat(check.observeLeader(2, n(2))).isTrue();
        assertThat(check.elections()).isEqualTo(2);
    }

    @Test
    void twoLeadersInOneTermAreAViolation() {
        ElectionSafety check = new ElectionSafety();
        check.observeLeader(5, n(1));
        check.observeLeader(6, n(3));
        assertThatThrownBy(() -> check.observeLeader(5, n(2)))
                .isInstanceOf(InvariantViolation.class)
                .hasMessageContaining("election safety")
                .hasMessageContaining("two leaders in term 5: n1 and n2");
    }
}
