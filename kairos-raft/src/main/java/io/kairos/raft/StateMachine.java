package io.kairos.raft;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The application Raft replicates: fed the committed commands in log order, it must be
 * deterministic (the same commands in give the same state and the same results on every node), so
 * it reads no clock, no random source and nothing but its commands. The master drives it from a
 * single applier thread; nothing here needs to be thread-safe.
 */
public interface StateMachine {

    /**
     * Applies the committed command at {@code index}.
     *
     * @return the result the proposing client receives; a command the application rejects returns
     *     its rejection here rather than throwing, since every node must reach the same verdict
     */
    byte[] apply(long index, byte[] command);

    /** Answers a read-only query from the state as of the last applied command. */
    byte[] query(byte[] query);

    /** Writes the whole state, for a snapshot. */
    void writeSnapshot(OutputStream out) throws IOException;

    /** Replaces the whole state by the one a snapshot holds; empty content is the initial state. */
    void restore(InputStream in) throws IOException;
}
