package io.kairos.bench.ratis;

import io.kairos.bench.harness.Entries;
import io.kairos.bench.harness.KeyValueMap;
import java.util.concurrent.CompletableFuture;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;

/** Applies each committed W1 command to this member's {@link KeyValueMap}. No snapshots. */
final class KeyValueStateMachine extends BaseStateMachine {

    private final KeyValueMap map = new KeyValueMap();

    KeyValueMap map() {
        return map;
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext transaction) {
        LogEntryProto entry = transaction.getLogEntry();
        Entries.apply(entry.getStateMachineLogEntry().getLogData().asReadOnlyByteBuffer(), map);
        updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
        return CompletableFuture.completedFuture(Message.EMPTY);
    }
}
