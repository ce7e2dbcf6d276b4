package io.kairos.sim.check;

import static io.kairos.sim.check.Nodes.n;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kairos.raft.LogEntry;
import org.junit.jupiter.api.Test;

class StateMachineSafetyTest {

    @Test
    void everyNodeApplyingTheSameEntryAtAnIndexIsFine() {
        StateMachineSafety check = new StateMachineSafety();
        assertThat(check.onApplied(n(1), new LogEntry.Command(1, 1, new byte[] {7}))).isTrue();
        assertThat(check.onApplied(n(2), new LogEntry.Command(1, 1, new byte[] {7}))).isFalse();
    }

    @Test
    void anotherTermAtAnAppliedIndexIsAViolation() {
        StateMachineSafety check = new StateMachineSafety();
        check.onApplied(n(1), new LogEntry.Noop(1, 1));
        assertThatThrownBy(() -> check.onApplied(n(2), new LogEntry.Noop(1, 2)))
                .isInstanceOf(InvariantViolation.class)
                .hasMessageContaining("state machine safety")
                .hasMessageContaining("n1 applied an entry of term 1");
    }

    @Test
    void otherContentAtAnAppliedIndexIsAViolation() {
        StateMachineSafety check = new StateMachineSafety();
        check.onApplied(n(1), new LogEntry.Command(1, 1, new byte[] {7}));
        assertThatThrownBy(() -> check.onApplied(n(2), new LogEntry.Command(1, 1, new byte[] {8})))
                .isInstanceOf(InvariantViolation.class)
                .hasMessageContaining("with other content");
    }
}
