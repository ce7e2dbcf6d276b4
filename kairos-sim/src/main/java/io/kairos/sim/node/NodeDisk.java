package io.kairos.sim.node;

import io.kairos.raft.Membership;
import io.kairos.raft.MemoryStorage;
import io.kairos.raft.NodeId;
import io.kairos.raft.Ready;
import io.kairos.raft.Snapshot;
import io.kairos.raft.Storage;
import io.kairos.raft.message.Message;
import io.kairos.sim.kv.KvSnapshot;
import java.nio.file.Path;
import java.util.Random;

/**
 * A node's disk as the simulator plays it: what the core's storage holds, how long a Ready's write
 * takes, and what a crash in the middle of one leaves behind. Two kinds: {@link MemoryDisk} (a
 * {@code MemoryStorage} that lands a Ready's writes at once or a prefix of them) and
 * {@link DurableDisk} (the real {@code DurableStorage} on files, whose unsynced bytes a crash
 * loses or tears at any byte).
 */
public interface NodeDisk {

    /** Boots from what the disk holds: the storage the core runs on until the next crash. */
    Storage open();

    boolean isWriting();

    /** Starts writing {@code rd}; returns how long the write takes. */
    long begin(Ready rd);

    /** The write in progress landed: everything it holds is durable. */
    void complete();

    /** The machine died: the write in progress is lost or torn, and the storage is closed. */
    void crash();

    /** Makes {@code content}, the state machine at {@code index}, the storage's snapshot and compacts the log. */
    void createSnapshot(long index, Membership membership, KvSnapshot content);

    /** The state machine's content in a snapshot of this disk (its own, or one it received). */
    KvSnapshot content(Snapshot snapshot);

    /** A message as it goes on the wire: a snapshot is read out of this disk in chunks. */
    Message outgoing(Message m);

    /** A message as the core sees it: a snapshot's chunks are received into this disk first. */
    Message incoming(Message m);

    /** Releases the disk's files at the end of a run. */
    default void close() {
    }

    /** Whether a write ready to apply is a write at all (the disk has nothing to do otherwise). */
    static boolean needsWrite(Ready rd) {
        return rd.snapshot() != null || !rd.entries().isEmpty() || rd.hardState() != null;
    }

    /** What a run's nodes' disks are made of. */
    @FunctionalInterface
    interface Factory {
        /** A new node's disk, holding the cluster's initial {@code bootstrap} membership. */
        NodeDisk create(NodeId id, Membership bootstrap, Random random, NodeSettings settings);

        /** Disks in memory. */
        static Factory memory() {
            return (id, bootstrap, random, settings) ->
                    new MemoryDisk(MemoryStorage.bootstrap(bootstrap), random, settings);
        }

        /** Durable storage, each node in its own directory under {@code root}. */
        static Factory durable(Path root, DiskFaultCounters counters) {
            return (id, bootstrap, random, settings) -> new DurableDisk(
                    root.resolve("node-" + id.value()), id, bootstrap, random, settings, counters);
        }
    }
}
