package io.kairos.sim.lincheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kairos.sim.lincheck.KvInput.Append;
import io.kairos.sim.lincheck.KvInput.Get;
import io.kairos.sim.lincheck.KvInput.Put;

import java.util.List;
import org.junit.jupiter.api.Test;

class EdnKvHistoryParserTest {

    private static List<Operation<KvInput, KvOutput>> parse(String... lines) throws MalformedHistoryException {
        return EdnKvHistoryParser.parse("test.txt", List.of(lines));
    }

    @Test
    void pairsEachCompletionWithItsProcessesInvocationUsingLineNumbersAsTimes() throws Exception {
        var history = parse(
                "{:process 0, :type :invoke, :f :append, :key \"0\", :value \"x 0 0 y\"}",
                "{:process 1, :type :invoke, :f :get, :key \"0\", :value nil}",
                "{:process 0, :type :ok, :f :append, :key \"0\", :value \"x 0 0 y\"}",
                "{:process 1, :type :ok, :f :get, :key \"0\", :value \"x 0 0 y\"}",
                "{:process 1, :type :invoke, :f :put, :key \"9\", :value \"say \\\"hi\\\"\"}",
                "{:process 1, :type :ok, :f :put, :key \"9\", :value \"say \\\"hi\\\"\"}");

        assertThat(history).containsExactly(
                Operation.completed(0, new Append("0", "x 0 0 y"), new KvOutput.Ok(), 1, 3),
                Operation.completed(1, new Get("0"), new KvOutput.GetReturned("x 0 0 y"), 2, 4),
                Operation.completed(1, new Put("9", "say \"hi\""), new KvOutput.Ok(), 5, 6));
    }

    @Test
    void failuresLeaveTheHistoryAndInfoOrNoCompletionLeavesTheOutcomeUnknown() throws Exception {
        var history = parse(
                "{:process 0, :type :invoke, :f :put, :key \"a\", :value \"1\"}",
                "{:process 0, :type :fail, :f :put, :key \"a\", :value \"1\"}",
                "{:process 0, :type :invoke, :f :put, :key \"a\", :value \"2\"}",
                "{:process 0, :type :info, :f :put, :key \"a\", :value :timed-out}",
                "{:process 1, :type :invoke, :f :get, :key \"a\", :value nil}",
                "",
                "{:process :nemesis, :type :info, :f :start, :value nil}");

        assertThat(history).containsExactly(
                Operation.unknownOutcome(0, new Put("a", "2"), 3),
                Operation.unknownOutcome(1, new Get("a"), 5));
    }

    @Test
    void aMalformedLineIsReportedWithItsSourceLineNumberAndText() {
        String line = "{:process 0, :type :invoke, :f :get, :key \"a\" :value nil";
        assertThatThrownBy(() -> parse(line))
                .isInstanceOfSatisfying(MalformedHistoryException.class, e -> {
                    assertThat(e.lineNumber()).isEqualTo(1);
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.getMessage()).isEqualTo("test.txt:1: unexpected end of line at column "
                            + (line.length() + 1) + ": " + line);
                });
    }

    @Test
    void fieldsOfTheWrongShapeAreRejected() {
        assertThatThrownBy(() -> parse("{:process 0, :type :invoke, :f :get, :value nil}"))
                .hasMessageContaining("test.txt:1: missing :key");
        assertThatThrownBy(() -> parse("{:process 0, :type :invoke, :f :get, :key 4, :value nil}"))
                .hasMessageContaining(":key must be a string");
        assertThatThrownBy(() -> parse("{:process 0, :type :invoke, :f :cas, :key \"a\", :value nil}"))
                .hasMessageContaining("unknown kv operation :cas");
        assertThatThrownBy(() -> parse("{:process 0, :type :invoke, :f :get, :key \"a\", :value [1 2]}"))
                .hasMessageContaining("expected a value at column");
        assertThatThrownBy(() -> parse("{:process 0, :type :invoke, :f :get, :key \"a\", :value nil} extra"))
                .hasMessageContaining("unexpected text after the map");
        assertThatThrownBy(() -> parse("{:process 0, :type :done, :f :get, :key \"a\", :value nil}"))
                .hasMessageContaining("unknown :type :done");
        assertThatThrownBy(() -> parse("{:process \"p\", :type :invoke, :f :get, :key \"a\", :value nil}"))
                .hasMessageContaining(":process must be an integer or a keyword");
    }

    @Test
    void eventsThatDoNotPairUpAreRejected() {
        assertThatThrownBy(() -> parse("{:process 3, :type :ok, :f :get, :key \"a\", :value \"\"}"))
                .hasMessageContaining("test.txt:1: :ok completion, but process 3 has no open invocation");
        assertThatThrownBy(() -> parse(
                "{:process 3, :type :invoke, :f :get, :key \"a\", :value nil}",
                "{:process 3, :type :ok, :f :get, :key \"b\", :value \"\"}"))
                .hasMessageContaining(
                        "test.txt:2: :get of key \"b\" completes process 3's invocation of :get of key \"a\"");
        assertThatThrownBy(() -> parse(
                "{:process 3, :type :invoke, :f :append, :key \"a\", :value \"x\"}",
                "{:process 3, :type :ok, :f :append, :key \"a\", :value \"y\"}"))
                .hasMessageContaining("test.txt:2: completion's :value differs from the invocation's \"x\"");
    }
}
