package io.kairos.sim.check;

import static io.kairos.sim.check.Nodes.n;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CommittedPrefixTest {

    @Test
    void aCommittedIndexSeenAgainWithTheSameTermIsFine() {
        CommittedPrefix check = new CommittedPrefix();
        check.record(n(1), 1, 1, 1);
        check.record(n(2), 1, 1, 2);
        check.record(n(2), 2, 3, 3);
        assertThat(check.highest()).isEqualTo(2);
        assertThat(check.termAt(2)).isEqualTo(3);
    }

    @Test
    void aCommittedIndexSeenWithAnotherTermIsAViolation() {
        CommittedPrefix check = new CommittedPrefix();
        check.record(n(1), 7, 2, 2);
        assertThatThrownBy(() -> check.record(n(3), 7, 3, 3))
                .isInstanceOf(InvariantViolation.class)
                .hasMessageContaining("index 7 committed with term 3, but it was committed with term 2");
    }

    @Test
    void followsANodesCommitIndex() {
        CommittedPrefix check = new CommittedPrefix();
        check.onStart(n(1), 0);
        check.observe(n(1), Nodes.soloLeader(1, 4)); // commits its blank entry 1@5
        assertThat(check.termAt(1)).isEqualTo(5);
    }

    @Test
    void aCommitIndexGoingBackWithinOneLifeIsAViolation() {
        CommittedPrefix check = new CommittedPrefix();
        check.onStart(n(1), 3);
        assertThatThrownBy(() -> check.observe(n(1), Nodes.withLog(1, 1))) // commit index 0 < 3
                .isInstanceOf(InvariantViolation.class)
                .hasMessageContaining("commit index went back from 3 to 0");
    }
}
