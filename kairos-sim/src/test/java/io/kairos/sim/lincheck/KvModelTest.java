package io.kairos.sim.lincheck;

import static io.kairos.sim.lincheck.Histories.append;
import static io.kairos.sim.lincheck.Histories.get;
import static io.kairos.sim.lincheck.Histories.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kairos.sim.lincheck.KvInput.Append;
import io.kairos.sim.lincheck.KvInput.Get;
import io.kairos.sim.lincheck.KvInput.Put;
import io.kairos.sim.lincheck.KvOutput.GetReturned;
import io.kairos.sim.lincheck.KvOutput.Ok;

import java.util.List;
import org.junit.jupiter.api.Test;

class KvModelTest {

    private final KvModel model = new KvModel();

    @Test
    void aGetOfAnUnsetKeyReturnsTheEmptyString() {
        assertThat(model.step(model.init(), new Get("k"), new GetReturned(""))).contains("");
        assertThat(model.step(model.init(), new Get("k"), new GetReturned("x"))).isEmpty();
    }

    @Test
    void aPutReplacesAndAnAppendExtendsTheValue() {
        assertThat(model.step("old", new Put("k", "new"), new Ok())).contains("new");
        assertThat(model.step("x 0 y", new Append("k", "x 1 y"), new Ok())).contains("x 0 yx 1 y");
        assertThat(model.step("x 0 y", new Append("k", "x 1 y"), null)).contains("x 0 yx 1 y");
    }

    @Test
    void aGetMustReturnTheCurrentValue() {
        assertThat(model.step("ab", new Get("k"), new GetReturned("ab"))).contains("ab");
        assertThat(model.step("ab", new Get("k"), new GetReturned("a"))).isEmpty();
        assertThat(model.step("ab", new Get("k"), null)).contains("ab");
    }

    @Test
    void anOutputOfTheWrongKindIsABugInTheHistory() {
        assertThatThrownBy(() -> model.step("", new Get("k"), new Ok())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> model.step("", new Put("k", "v"), new GetReturned("v")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aHistoryIsPartitionedPerKeyInHistoryOrder() {
        var a1 = put(0, "a", "1", 1, 2);
        var b1 = append(1, "b", "x", 3, 4);
        var a2 = get(2, "a", "1", 5, 6);
        assertThat(model.partition(List.of(a1, b1, a2))).containsExactly(
                new Partition<>("a", List.of(a1, a2)),
                new Partition<>("b", List.of(b1)));
    }

    @Test
    void everyKindOfInputAndOutputIsHandled() {
        List<KvInput> inputs = List.of(new Get("k"), new Put("k", "v"), new Append("k", "v"));
        List<KvOutput> outputs = List.of(new GetReturned("v"), new Ok());
        assertThat(inputs).extracting(Object::getClass)
                .containsExactlyInAnyOrder(KvInput.class.getPermittedSubclasses());
        assertThat(outputs).extracting(Object::getClass)
                .containsExactlyInAnyOrder(KvOutput.class.getPermittedSubclasses());
        assertThat(model.describe(new Get("k"), new GetReturned("a\"b"))).isEqualTo("get \"k\" -> \"a\\\"b\"");
        assertThat(model.describe(new Put("k", "v"), new Ok())).isEqualTo("put \"k\" \"v\" -> ok");
        assertThat(model.describe(new Append("k", "v"), null)).isEqualTo("append \"k\" \"v\" -> unknown");
        assertThat(model.describeState("")).isEqualTo("\"\"");
    }
}
