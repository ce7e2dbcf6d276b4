package io.kairos.raft;

import io.kairos.raft.message.Message;
import java.util.List;

/**
 * Everything the core asks the application to do after a turn. Handle it in this order:
 * <ol>
 *   <li>persist: install {@code snapshot} if present, append {@code entries} (replacing any stored
 *       entries from the first one's index on), then store {@code hardState} if present. A leader
 *       may send its {@link io.kairos.raft.message.AppendRequest}s before its own write completes
 *       (thesis §10.2.1); every other message must wait for the write;</li>
 *   <li>send {@code messages};</li>
 *   <li>apply {@code committedEntries} in order (restore the state machine from {@code snapshot}
 *       first if present); serve each of {@code readStates} once applied reaches its index;</li>
 *   <li>call {@link RaftNode#advance(Ready)} with this object.</li>
 * </ol>
 *
 * @param hardState the hard state to persist, or {@code null} if unchanged
 * @param softState the node's role, leader and membership now
 * @param snapshot a snapshot received from the leader to persist and restore, or {@code null}
 * @param entries log entries to persist
 * @param messages messages to send
 * @param committedEntries committed entries to apply
 * @param readStates reads confirmed safe to serve
 */
public record Ready(
        HardState hardState,
        SoftState softState,
        Snapshot snapshot,
        List<LogEntry> entries,
        List<Message> messages,
        List<LogEntry> committedEntries,
        List<ReadState> readStates) {

    public Ready {
        entries = List.copyOf(entries);
        messages = List.copyOf(messages);
        committedEntries = List.copyOf(committedEntries);
        readStates = List.copyOf(readStates);
    }

    /** Whether there is anything to persist, send, apply or serve. */
    public boolean hasWork() {
        return hardState != null || snapshot != null || !entries.isEmpty() || !messages.isEmpty()
                || !committedEntries.isEmpty() || !readStates.isEmpty();
    }
}
