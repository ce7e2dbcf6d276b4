package io.kairos.bench.jraft;

import io.kairos.bench.harness.Entries;
import io.kairos.bench.harness.KeyValueMap;
import com.alipay.sofa.jraft.Iterator;
import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.core.StateMachineAdapter;

/** Applies each committed W1 command to this member's {@link KeyValueMap}. No snapshots. */
final class KeyValueStateMachine extends StateMachineAdapter {

    private final KeyValueMap map = new KeyValueMap();

    KeyValueMap map() {
        return map;
    }

    @Override
    public void onApply(Iterator entries) {
        while (entries.hasNext()) {
            Entries.apply(entries.getData().duplicate(), map);
            if (entries.done() != null) {
                entries.done().run(Status.OK());
            }
            entries.next();
        }
    }
}
