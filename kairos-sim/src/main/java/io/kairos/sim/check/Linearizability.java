package io.kairos.sim.check;

import io.kairos.sim.history.OpRecord;
import io.kairos.sim.lincheck.CheckResult;
import io.kairos.sim.lincheck.KvInput;
import io.kairos.sim.lincheck.KvModel;
import io.kairos.sim.lincheck.KvOutput;
import io.kairos.sim.lincheck.LinearizabilityChecker;
import io.kairos.sim.lincheck.Operation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The client history of a run must be linearizable for a key-value store: checked at the end of
 * the run by {@link LinearizabilityChecker}, one key at a time. A check that runs out of time is a
 * failure too: a history the checker cannot decide is not known to be correct.
 */
public final class Linearizability {

    private static final KvModel MODEL = new KvModel();

    private Linearizability() {
    }

    /** @throws InvariantViolation if the history is not linearizable, or the check timed out */
    public static void check(List<OpRecord> history, Duration timeout) {
        CheckResult<KvInput, KvOutput> result = LinearizabilityChecker.check(MODEL, operations(history), timeout);
        if (result instanceof CheckResult.NotLinearizable<KvInput, KvOutput> bad) {
            throw new InvariantViolation("linearizability", String.join("\n", bad.describe(MODEL, 12)));
        }
        if (result instanceof CheckResult.Unknown<KvInput, KvOutput> unknown) {
            throw new InvariantViolation("linearizability", "the check of key " + unknown.key() + " did not finish in "
                    + timeout.toSeconds() + " s");
        }
    }

    static List<Operation<KvInput, KvOutput>> operations(List<OpRecord> history) {
        List<Operation<KvInput, KvOutput>> ops = new ArrayList<>(history.size());
        for (OpRecord r : history) {
            KvInput input = switch (r.kind()) {
                case GET -> new KvInput.Get(r.key());
                case PUT -> new KvInput.Put(r.key(), r.input());
                case APPEND -> new KvInput.Append(r.key(), r.input());
            };
            if (!r.returned()) {
                ops.add(Operation.unknownOutcome(r.clientId(), input, r.callMicros()));
                continue;
            }
            KvOutput output = input instanceof KvInput.Get ? new KvOutput.GetReturned(r.output()) : new KvOutput.Ok();
            ops.add(Operation.completed(r.clientId(), input, output, r.callMicros(), r.returnMicros()));
        }
        return ops;
    }
}
