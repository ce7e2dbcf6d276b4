package io.kairos.sim.check;

import static io.kairos.sim.check.Nodes.n;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LeaderCompletenessTest {

    /** Entries with the given terms, each committed in its own term. */
    private static CommittedPrefix committed(long... terms) {
        CommittedPrefix c = new CommittedPrefix();
        for (int i = 0; i < terms.length; i++) {
            c.record(n(9), i + 1, terms[i], terms[i]);
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
        assertThatThrownBy(() -> check.onNewLeader(n(1), Nodes.withLogInTerm(1, 3, 1, 1)))
                .isInstanceOf(InvariantViolation.class)
                .hasMessageContaining("leader completeness")
                .hasMessageContaining("index 3 was committed in an earlier term");
    }

    @Test
    void aLeaderHoldingAnotherEntryWhereOneWasCommittedIsAViolation() {
        LeaderCompleteness check = new LeaderCompleteness(committed(1, 1, 2));
        assertThatThrownBy(() -> check.onNewLeader(n(1), Nodes.withLog(1, 1, 1, 3)))
                .isInstanceOf(InvariantViolation.class)
                .hasMessageContaining("entry 3@3, but 3@2 is committed");
    }

    @Test
    void aLeaderOfALowerTermElectedAfterAHigherTermCommittedNeedNotHoldThatCommit() {
        // The leader of term 8 committed 3@8; votes granted before still elect a leader of term 6.
        CommittedPrefix c = committed(1, 1);
        c.record(n(9), 3, 8, 8);
        LeaderCompleteness check = new LeaderCompleteness(c);
        assertThatCode(() -> check.onNewLeader(n(1), Nodes.withLog(1, 1, 1, 6))).doesNotThrowAnyException();
    }

    @Test
    void entriesCommittedInEarlierTermsStillBind() {
        CommittedPrefix c = committed(1, 1);
        c.record(n(9), 3, 5, 5);
        c.record(n(9), 4, 8, 8);
        LeaderCompleteness check = new LeaderCompleteness(c);
        assertThatThrownBy(() -> check.onNewLeader(n(1), Nodes.withLog(1, 1, 1, 6)))
                .isInstanceOf(InvariantViolation.class)
                .hasMessageContaining("entry 3@6, but 3@5 is committed");
    }
}
