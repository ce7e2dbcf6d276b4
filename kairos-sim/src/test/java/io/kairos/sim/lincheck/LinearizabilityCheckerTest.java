package io.kairos.sim.lincheck;

import static io.kairos.sim.lincheck.Histories.cas;
import static io.kairos.sim.lincheck.Histories.get;
import static io.kairos.sim.lincheck.Histories.put;
import static io.kairos.sim.lincheck.Histories.read;
import static io.kairos.sim.lincheck.Histories.write;
import static io.kairos.sim.lincheck.Histories.writeWithUnknownOutcome;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LinearizabilityCheckerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static CheckResult<RegisterInput, RegisterOutput> checkRegister(
            List<Operation<RegisterInput, RegisterOutput>> history) {
        return LinearizabilityChecker.check(new RegisterModel(), history, TIMEOUT);
    }

    @Nested
    class RealTimeOrder {

        @Test
        void anEmptyHistoryIsLinearizable() {
            assertThat(checkRegister(List.of())).isInstanceOf(CheckResult.Linearizable.class);
        }

        @Test
        void aStaleReadAfterAWriteCompletedIsNotLinearizable() {
            var written = write(0, 1, 1, 2);
            var staleRead = read(1, null, 3, 4);

            var result = checkRegister(List.of(written, staleRead));

            assertThat(result).isEqualTo(new CheckResult.NotLinearizable<>(
                    "register", 2, List.of(written), "1", List.of(staleRead)));
        }

        @Test
        void aReadConcurrentWithAWriteMaySeeEitherValue() {
            assertThat(checkRegister(List.of(write(0, 1, 1, 4), read(1, null, 2, 3))))
                    .isInstanceOf(CheckResult.Linearizable.class);
            assertThat(checkRegister(List.of(write(0, 1, 1, 4), read(1, 1, 2, 3))))
                    .isInstanceOf(CheckResult.Linearizable.class);
        }

        @Test
        void readsMustAgreeOnOneOrderOfConcurrentWrites() {
            var writeOne = write(0, 1, 1, 20);
            var writeTwo = write(1, 2, 1, 20);
            var readsTwoThenOne = List.of(writeOne, writeTwo, read(2, 2, 2, 3), read(2, 1, 4, 5));
            assertThat(checkRegister(readsTwoThenOne)).isInstanceOf(CheckResult.Linearizable.class);

            var flipFlop = new ArrayList<>(readsTwoThenOne);
            flipFlop.add(read(2, 2, 6, 7));
            assertThat(checkRegister(flipFlop)).isInstanceOf(CheckResult.NotLinearizable.class);
        }

        @Test
        void operationsThatTouchTheSameInstantAreConcurrent() {
            assertThat(checkRegister(List.of(write(0, 1, 1, 2), read(1, null, 2, 3))))
                    .isInstanceOf(CheckResult.Linearizable.class);
        }

        @Test
        void aLongSequentialHistoryIsCheckedWithoutRecursion() {
            List<Operation<RegisterInput, RegisterOutput>> history = new ArrayList<>();
            for (int i = 0; i < 50_000; i++) {
                history.add(write(0, i, 4L * i, 4L * i + 1));
                history.add(read(1, i, 4L * i + 2, 4L * i + 3));
            }
            assertThat(checkRegister(history)).isInstanceOf(CheckResult.Linearizable.class);
        }
    }

    @Nested
    class UnknownOutcomes {

        @Test
        void aWriteWithUnknownOutcomeMayTakeEffectLongAfterItsCall() {
            var history = List.of(writeWithUnknownOutcome(0, 1, 1), read(1, null, 2, 3), read(1, 1, 10, 11));
            assertThat(checkRegister(history)).isInstanceOf(CheckResult.Linearizable.class);
        }

        @Test
        void aWriteWithUnknownOutcomeMayNeverTakeEffect() {
            var history = List.of(writeWithUnknownOutcome(0, 1, 1), read(1, null, 10, 11));
            assertThat(checkRegister(history)).isInstanceOf(CheckResult.Linearizable.class);
        }

        @Test
        void aWriteWithUnknownOutcomeCannotTakeEffectBeforeItsCall() {
            var history = List.of(read(1, 1, 1, 2), writeWithUnknownOutcome(0, 1, 3));
            assertThat(checkRegister(history)).isInstanceOf(CheckResult.NotLinearizable.class);
        }
    }

    @Nested
    class CompareAndSet {

        @Test
        void aFailedCasMeansTheRegisterHeldAnotherValue() {
            assertThat(checkRegister(List.of(write(0, 1, 1, 2), cas(1, 1, 2, false, 3, 4))))
                    .isInstanceOf(CheckResult.NotLinearizable.class);
            assertThat(checkRegister(List.of(write(0, 1, 1, 2), cas(1, 3, 2, false, 3, 4), read(0, 1, 5, 6))))
                    .isInstanceOf(CheckResult.Linearizable.class);
        }

        @Test
        void aCasThatAppliedChangedTheValueForLaterReads() {
            var history = List.of(write(0, 1, 1, 2), cas(1, 1, 2, true, 3, 4), read(0, 1, 5, 6));
            var result = checkRegister(history);
            assertThat(result).isInstanceOf(CheckResult.NotLinearizable.class);
            var failure = (CheckResult.NotLinearizable<RegisterInput, RegisterOutput>) result;
            assertThat(failure.stateAfterPrefix()).isEqualTo("2");
            assertThat(failure.pending()).containsExactly(history.get(2));
        }
    }

    @Nested
    class Partitions {

        @Test
        void aFailureNamesTheSmallestFailingKeyAndItsWindow() {
            var history = List.of(
                    put(0, "big", "1", 1, 2), put(0, "big", "2", 3, 4), get(1, "big", "1", 5, 6),
                    put(0, "small", "1", 7, 8), get(1, "small", "", 9, 10),
                    put(0, "fine", "1", 11, 12));

            var result = LinearizabilityChecker.check(new KvModel(), history, TIMEOUT);

            assertThat(result).isInstanceOf(CheckResult.NotLinearizable.class);
            var failure = (CheckResult.NotLinearizable<KvInput, KvOutput>) result;
            assertThat(failure.key()).isEqualTo("small");
            assertThat(failure.partitionSize()).isEqualTo(2);
            assertThat(failure.linearizedPrefix()).containsExactly(history.get(3));
            assertThat(failure.pending()).containsExactly(history.get(4));
            assertThat(failure.describe(new KvModel(), 10)).containsExactly(
                    "key \"small\": 2 operations; the longest linearizable prefix has 1",
                    "  [7, 8] client 0: put \"small\" \"1\" -> ok",
                    "state after the prefix: \"1\"",
                    "none of these pending operations can come next:",
                    "  [9, 10] client 1: get \"small\" -> \"\"");
        }

        @Test
        void aDescriptionShowsOnlyTheEndOfALongPrefix() {
            var failure = new CheckResult.NotLinearizable<>("k", 4,
                    List.of(put(0, "k", "1", 1, 2), put(0, "k", "2", 3, 4), put(0, "k", "3", 5, 6)), "\"3\"",
                    List.of(get(1, "k", "1", 7, 8)));
            assertThat(failure.describe(new KvModel(), 1)).containsExactly(
                    "key \"k\": 4 operations; the longest linearizable prefix has 3",
                    "  ... 2 earlier operations",
                    "  [5, 6] client 0: put \"k\" \"3\" -> ok",
                    "state after the prefix: \"3\"",
                    "none of these pending operations can come next:",
                    "  [7, 8] client 1: get \"k\" -> \"1\"");
        }
    }

    @Nested
    class Timeouts {

        @Test
        void runningOutOfTimeAnswersUnknownForThePartitionBeingChecked() {
            var result = LinearizabilityChecker.check(new RegisterModel(), List.of(write(0, 1, 1, 2)), Duration.ZERO);
            assertThat(result).isEqualTo(new CheckResult.Unknown<>("register"));
        }

        @Test
        void aNegativeTimeoutIsRejected() {
            var model = new RegisterModel();
            assertThatThrownBy(() -> LinearizabilityChecker.check(model, List.of(), Duration.ofSeconds(-1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("PT-1S");
        }
    }
}
