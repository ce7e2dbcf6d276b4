package io.kairos.sim.node;

import io.kairos.raft.LogEntry;
import io.kairos.raft.Storage;
import io.kairos.raft.RaftNode;
import io.kairos.raft.Ready;
import io.kairos.raft.message.Message;
import io.kairos.sim.kv.KvCommand;

/** Watches every node of the cluster: the invariant checkers and the run's counters. */
public interface NodeObserver {

    /** A node (re)started from its storage. */
    void onStart(SimNode node, Storage storage);

    /** A node handed out a Ready (before anything of it was persisted, sent or applied). */
    void onReady(SimNode node, Ready rd);

    /** A node applied a committed entry; {@code command} is its decoded command, or null. */
    void onApplied(SimNode node, LogEntry entry, KvCommand command, boolean tookEffect);

    /** A message reached a running node and is about to be stepped. */
    void onDelivered(Message m);

    /** After every input to a running node: its role, term and commit index may have moved. */
    void afterInput(SimNode node, RaftNode raft);
}
