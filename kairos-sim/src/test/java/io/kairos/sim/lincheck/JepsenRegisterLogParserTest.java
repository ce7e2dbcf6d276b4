package io.kairos.sim.lincheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kairos.sim.lincheck.RegisterInput.CompareAndSet;
import io.kairos.sim.lincheck.RegisterInput.Read;
import io.kairos.sim.lincheck.RegisterInput.Write;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class JepsenRegisterLogParserTest {

    private static List<Operation<RegisterInput, RegisterOutput>> parse(String... lines)
            throws MalformedHistoryException {
        return JepsenRegisterLogParser.parse("test.log", List.of(lines));
    }

    @Test
    void pairsEachCompletionWithItsProcessesInvocationUsingLineNumbersAsTimes() throws Exception {
        var history = parse(
                "INFO  jepsen.util - 0\t:invoke\t:read\tnil",
                "INFO  jepsen.util - 1\t:invoke\t:write\t4",
                "INFO  jepsen.util - 1\t:ok\t:write\t4",
                "INFO  jepsen.util - 0\t:ok\t:read\t4",
                "INFO  jepsen.util - 2\t:invoke\t:cas\t[4 2]",
                "INFO  jepsen.util - 2\t:ok\t:cas\t[4 2]",
                "INFO  jepsen.util - 2\t:invoke\t:cas\t[4 3]",
                "INFO  jepsen.util - 2\t:fail\t:cas\t[4 3]");

        assertThat(history).containsExactly(
                Operation.completed(0, new Read(), new RegisterOutput.ReadReturned(OptionalInt.of(4)), 1, 4),
                Operation.completed(1, new Write(4), new RegisterOutput.Ok(), 2, 3),
                Operation.completed(2, new CompareAndSet(4, 2), new RegisterOutput.Ok(), 5, 6),
                Operation.completed(2, new CompareAndSet(4, 3), new RegisterOutput.CasFailed(), 7, 8));
    }

    @Test
    void anInfoCompletionOrNoneAtAllLeavesTheOutcomeUnknown() throws Exception {
        var history = parse(
                "INFO  jepsen.util - 4\t:invoke\t:write\t3",
                "INFO  jepsen.util - 5\t:invoke\t:cas\t[1 2]",
                "INFO  jepsen.util - 4\t:info\t:write\t:timed-out");

        assertThat(history).containsExactly(
                Operation.unknownOutcome(4, new Write(3), 1),
                Operation.unknownOutcome(5, new CompareAndSet(1, 2), 2));
    }

    @Test
    void aFailedReadOrWriteTookNoEffectAndLeavesTheHistory() throws Exception {
        var history = parse(
                "INFO  jepsen.util - 0\t:invoke\t:read\tnil",
                "INFO  jepsen.util - 0\t:fail\t:read\t:timed-out",
                "INFO  jepsen.util - 0\t:invoke\t:write\t1",
                "INFO  jepsen.util - 0\t:fail\t:write\t1",
                "INFO  jepsen.util - 0\t:invoke\t:read\tnil",
                "INFO  jepsen.util - 0\t:ok\t:read\tnil");

        assertThat(history).containsExactly(
                Operation.completed(0, new Read(), new RegisterOutput.ReadReturned(OptionalInt.empty()), 5, 6));
    }

    @Test
    void aReusedProcessCompletesItsLatestInvocationAndAbandonsTheOlderOne() throws Exception {
        var history = parse(
                "INFO  jepsen.util - 3\t:invoke\t:write\t1",
                "INFO  jepsen.util - 3\t:info\t:write\t:timed-out",
                "INFO  jepsen.util - 3\t:invoke\t:write\t2",
                "INFO  jepsen.util - 3\t:invoke\t:write\t3",
                "INFO  jepsen.util - 3\t:ok\t:write\t3");

        assertThat(history).containsExactly(
                Operation.unknownOutcome(3, new Write(1), 1),
                Operation.unknownOutcome(3, new Write(2), 3),
                Operation.completed(3, new Write(3), new RegisterOutput.Ok(), 4, 5));
    }

    @Test
    void linesThatAreNotAProcessesEventAreSkipped() throws Exception {
        var history = parse(
                "INFO  jepsen.util - :nemesis\t:info\t:start\tnil",
                "",
                "WARN  jepsen.core - something else",
                "INFO  jepsen.util - 0\t:invoke\t:write\t1",
                "INFO  jepsen.util - 0\t:ok\t:write\t1");

        assertThat(history).containsExactly(Operation.completed(0, new Write(1), new RegisterOutput.Ok(), 4, 5));
    }

    @Test
    void aMalformedEventIsReportedWithItsSourceLineNumberAndText() {
        assertThatThrownBy(() -> parse(
                "INFO  jepsen.util - 0\t:invoke\t:write\t1",
                "INFO  jepsen.util - 1\t:invoke\t:cas\t[4]"))
                .isInstanceOfSatisfying(MalformedHistoryException.class, e -> {
                    assertThat(e.source()).isEqualTo("test.log");
                    assertThat(e.lineNumber()).isEqualTo(2);
                    assertThat(e.line()).isEqualTo("INFO  jepsen.util - 1\t:invoke\t:cas\t[4]");
                    assertThat(e.getMessage()).startsWith("test.log:2: a cas takes [expected replacement], not [4]: ");
                });
    }

    @Test
    void eventsThatDoNotPairUpAreRejected() {
        assertThatThrownBy(() -> parse("INFO  jepsen.util - 7\t:ok\t:read\t1"))
                .isInstanceOf(MalformedHistoryException.class)
                .hasMessageContaining("test.log:1: :ok completion, but process 7 has no open invocation");
        assertThatThrownBy(() -> parse(
                "INFO  jepsen.util - 0\t:invoke\t:write\t1",
                "INFO  jepsen.util - 0\t:ok\t:read\t1"))
                .isInstanceOf(MalformedHistoryException.class)
                .hasMessageContaining("test.log:2: :ok :read completion, but process 0 invoked :write");
        assertThatThrownBy(() -> parse(
                "INFO  jepsen.util - 0\t:invoke\t:write\t1",
                "INFO  jepsen.util - 0\t:ok\t:write\t2"))
                .isInstanceOf(MalformedHistoryException.class)
                .hasMessageContaining("test.log:2: completion's value 2 differs from the invocation's");
    }

    @Test
    void unreadableValuesAreRejected() {
        assertThatThrownBy(() -> parse("INFO  jepsen.util - 0\t:invoke\t:write\tfour"))
                .hasMessageContaining("test.log:1: expected an integer, not four");
        assertThatThrownBy(() -> parse("INFO  jepsen.util - 0\t:invoke\t:write\t99999999999"))
                .hasMessageContaining("not a 32-bit integer: 99999999999");
        assertThatThrownBy(() -> parse("INFO  jepsen.util - 0\t:invoke\t:delete\t1"))
                .hasMessageContaining("unknown register operation :delete");
        assertThatThrownBy(() -> parse("INFO  jepsen.util - 0\t:done\t:write\t1"))
                .hasMessageContaining("unknown event type :done");
        assertThatThrownBy(() -> parse("INFO  jepsen.util - 0\t:invoke"))
                .hasMessageContaining("expected ':type :f value' after process 0");
    }
}
