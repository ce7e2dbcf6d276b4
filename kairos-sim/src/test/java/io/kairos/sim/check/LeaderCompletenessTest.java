package io.kairos.sim.check;

import static io.kairos.sim.check.Nodes.n;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LeaderCompletenessTest {

    private static CommittedPrefix committed(long... terms) {
        CommittedPrefix c = new CommittedPrefix();
        for (int i = 0; i < terms.length; i++) {
            c.record(n(9), i + 1, terms[i]);
        }
        return c;
    }

    @Test
    void aLeaderHoldingEveryCommittedEntryIsFine() {
        LeaderCompleteness check = new LeaderCompleteness(committed(1, 1, 2));
        assertThatCode(() -> check.onNewLeader(n(1), Nodes.withLog(1, 1, 1, 2, 3))).doesNotThrowAnyException();
    }

    @Test
    void aLeaderMissingACommittedEntryIsAViolation() {
        LeaderCompleteness check = new LeaderCompleteness(committed(1, 1, 2));
        assertThatThrownBy(() -> check.onNewLeader(n(1), Nodes.withLog(1, 1, 1)))
                .isInstanceOf(InvariantViolation.class)
                .hasMessageContaining("leader completeness")
                .hasMessageContaining("index 3 is committed");
    }

    @Test
    void aLeaderHoldingAnotherEntryWhereOneWasCommittedIsAViolation() {
        LeaderCompleteness check = new LeaderCompleteness(committed(1, 1, 2));
        assertThatThrownBy(() -> check.onNewLeader(n(1), Nodes.withLog(1, 1, 1, 3)))
                .isInstanceOf(InvariantViolation.class)
                .hasMessageContaining("entry 3@3, but 3@2 is committed");
    }
}
