package io.kairos.sim.check;

import static io.kairos.sim.check.Nodes.n;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kairos.raft.RaftNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeaseSafetyTest {

    @Test
    void aNewLeaderWhileNoOlderLeaderHoldsALeaseIsFine() {
        RaftNode old = Nodes.withLog(1, 1, 1);
        assertThatCode(() -> new LeaseSafety().onNewLeader(n(2), Nodes.soloLeader(2, 5), Map.of(n(1), old)))
                .doesNotThrowAnyException();
    }

    @Test
    void aNewLeaderWhileAnOlderLeaderHoldsItsLeaseIsAViolation() {
        RaftNode old = Nodes.soloLeader(1, 0);
        assertThat(old.hasValidLease()).isTrue();
        assertThatThrownBy(() -> new LeaseSafety().onNewLeader(n(2), Nodes.soloLeader(2, 5), Map.of(n(1), old)))
                .isInstanceOf(InvariantViolation.class)
                .hasMessageContaining("lease safety")
                .hasMessageContaining("n2 became leader of term 6 while n1, leader of term 1, holds a valid lease");
    }
}
