package io.kairos.sim.check;

import static io.kairos.sim.check.Nodes.entries;
import static io.kairos.sim.check.Nodes.n;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kairos.raft.LogEntry;
import io.kairos.raft.MemoryStorage;
import io.kairos.raft.Membership;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogMatchingTest {

    private static LogMatching withNodes(int... ids) {
        LogMatching check = new LogMatching();
        for (int id : ids) {
            check.onStart(n(id), MemoryStorage.bootstrap(Membership.ofVoters(n(1), n(2))));
        }
        return check;
    }

    @Test
    void logsThatAgreeAndOverwriteUncommittedSuffixesAreFine() {
        LogMatching check = withNodes(1, 2);
        check.onReady(n(1), null, entries(1, 1, 2));
        check.onReady(n(2), null, entries(1, 1, 3)); // index 3 in another term: a different entry, fine
        check.onReady(n(2), null, List.of(new LogEntry.Noop(3, 2))); // n2 overwrites it with n1's
        assertThatCode(() -> check.onReady(n(2), null, List.of(new LogEntry.Noop(4, 2)))).doesNotThrowAnyException();
    }

    @Test
    void theSameIndexAndTermAfterDifferentPrefixesIsAViolation() {
        LogMatching check = withNodes(1, 2);
        check.onReady(n(1), null, entries(1, 1, 2));
        check.onReady(n(2), null, entries(1, 2)); // index 2 differs...
        assertThatThrownBy(() -> check.onReady(n(2), null, List.of(new LogEntry.Noop(3, 2)))) // ...3@2 the same
                .isInstanceOf(InvariantViolation.class)
                .hasMessageContaining("log matching");
    }

    @Test
    void theSameIndexAndTermWithDifferentContentIsAViolation() {
        LogMatching check = withNodes(1, 2);
        check.onReady(n(1), null, List.of(new LogEntry.Command(1, 1, new byte[] {1})));
        assertThatThrownBy(() -> check.onReady(n(2), null, List.of(new LogEntry.Command(1, 1, new byte[] {2}))))
                .isInstanceOf(InvariantViolation.class);
    }
}
