package io.kairos.sim.lincheck;

import io.kairos.sim.lincheck.KvInput.Append;
import io.kairos.sim.lincheck.KvInput.Get;
import io.kairos.sim.lincheck.KvInput.Put;
import io.kairos.sim.lincheck.RegisterInput.CompareAndSet;
import io.kairos.sim.lincheck.RegisterInput.Read;
import io.kairos.sim.lincheck.RegisterInput.Write;

import java.util.OptionalInt;

/** Short constructors for hand-written histories in tests. */
final class Histories {

    private Histories() {
    }

    static Operation<RegisterInput, RegisterOutput> write(int client, int value, long call, long ret) {
        return Operation.completed(client, new Write(value), new RegisterOutput.Ok(), call, ret);
    }

    static Operation<RegisterInput, RegisterOutput> read(int client, Integer value, long call, long ret) {
        OptionalInt read = value == null ? OptionalInt.empty() : OptionalInt.of(value);
        return Operation.completed(client, new Read(), new RegisterOutput.ReadReturned(read), call, ret);
    }

    static Operation<RegisterInput, RegisterOutput> cas(int client, int expected, int replacement, boolean applied,
            long call, long ret) {
        RegisterOutput output = applied ? new RegisterOutput.Ok() : new RegisterOutput.CasFailed();
        return Operation.completed(client, new CompareAndSet(expected, replacement), output, call, ret);
    }

    static Operation<RegisterInput, RegisterOutput> writeWithUnknownOutcome(int client, int value, long call) {
        return Operation.unknownOutcome(client, new Write(value), call);
    }

    static Operation<KvInput, KvOutput> get(int client, String key, String value, long call, long ret) {
        return Operation.completed(client, new Get(key), new KvOutput.GetReturned(value), call, ret);
    }

    static Operation<KvInput, KvOutput> put(int client, String key, String value, long call, long ret) {
        return Operation.completed(client, new Put(key, value), new KvOutput.Ok(), call, ret);
    }

    static Operation<KvInput, KvOutput> append(int client, String key, String value, long call, long ret) {
        return Operation.completed(client, new Append(key, value), new KvOutput.Ok(), call, ret);
    }
}
