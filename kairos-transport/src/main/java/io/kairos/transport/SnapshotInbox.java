package io.kairos.transport;

import io.kairos.raft.NodeId;
import io.kairos.raft.message.InstallSnapshot;
import io.kairos.raft.message.Message;
import io.kairos.storage.snapshot.ChunkOutcome;
import io.kairos.storage.snapshot.SnapshotReceiver;
import io.kairos.storage.snapshot.SnapshotStore;
import io.netty.channel.Channel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assembles snapshots streamed by peers, one {@link SnapshotReceiver} per sender in its own staging
 * store under the configured directory. A receiver outlives the connection that fed it, so a
 * transfer resumes where it stopped when the sender reconnects. Only a snapshot whose checksums
 * passed is handed on, as an {@link InstallSnapshot} carrying the received file.
 *
 * <p>Writing, checking and forcing files is blocking I/O, which must not stall a Netty thread
 * (they only decode and enqueue), so chunks are handled in order on one thread of their own.
 * Chunks of one sender may arrive on different connections across reconnects, hence the lock
 * for direct callers too.
 */
final class SnapshotInbox implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SnapshotInbox.class);

    private final NodeId self;
    private final Path stagingDir;
    private final Consumer<Message> inbound;
    private final Map<NodeId, SnapshotReceiver> receivers = new HashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "kairos-snapshot-inbox");
        thread.setDaemon(true);
        return thread;
    });

    /** @param stagingDir null to refuse every transfer */
    SnapshotInbox(NodeId self, Path stagingDir, Consumer<Message> inbound) {
        this.self = self;
        this.stagingDir = stagingDir;
        this.inbound = inbound;
    }

    /**
     * Handles the chunk on the inbox's own thread and writes the acknowledgement to
     * {@code channel}. The sender's window bounds how many chunks wait here.
     */
    void acceptLater(Frame.Chunk frame, Channel channel) {
        try {
            worker.execute(() -> {
                try {
                    channel.writeAndFlush(accept(frame));
                } catch (RuntimeException e) {
                    log.error("snapshot chunk from {} failed: {}", frame.from(), frame.chunk(), e);
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("dropping a snapshot chunk from {}: the transport is closing", frame.from());
        }
    }

    /** Writes the chunk and returns the acknowledgement to send back. */
    synchronized Frame.ChunkAck accept(Frame.Chunk frame) {
        if (stagingDir == null) {
            log.warn("refusing a snapshot from {}: no snapshot staging directory is configured", frame.from());
            return ack(frame, Frame.AckKind.REJECTED, 0);
        }
        try {
            ChunkOutcome outcome = receiverOf(frame.from()).accept(frame.chunk());
            if (outcome instanceof ChunkOutcome.Accepted a) {
                return ack(frame, Frame.AckKind.ACCEPTED, a.nextOffset());
            } else if (outcome instanceof ChunkOutcome.Resend r) {
                return ack(frame, Frame.AckKind.RESEND, r.expectedOffset());
            } else if (outcome instanceof ChunkOutcome.Installed i) {
                inbound.accept(new InstallSnapshot(frame.from(), self, frame.term(), i.snapshot()));
                return ack(frame, Frame.AckKind.INSTALLED, 0);
            } else if (outcome instanceof ChunkOutcome.Rejected r) {
                log.warn("snapshot {}@{} from {} failed its checks: {}", frame.chunk().index(), frame.chunk().term(),
                        frame.from(), r.reason());
                return ack(frame, Frame.AckKind.REJECTED, 0);
            }
            throw new AssertionError("unknown chunk outcome " + outcome);
        } catch (IOException e) {
            log.warn("snapshot {}@{} from {} could not be staged: {}", frame.chunk().index(), frame.chunk().term(),
                    frame.from(), e.toString());
            discard(frame.from());
            return ack(frame, Frame.AckKind.REJECTED, 0);
        }
    }

    private SnapshotReceiver receiverOf(NodeId sender) throws IOException {
        SnapshotReceiver receiver = receivers.get(sender);
        if (receiver == null) {
            receiver = SnapshotStore.open(stagingDir.resolve("from-" + sender.value())).receiver();
            receivers.put(sender, receiver);
        }
        return receiver;
    }

    private void discard(NodeId sender) {
        SnapshotReceiver receiver = receivers.remove(sender);
        if (receiver != null) {
            try {
                receiver.close();
            } catch (IOException e) {
                log.warn("could not discard the partial snapshot from {}: {}", sender, e.toString());
            }
        }
    }

    private Frame.ChunkAck ack(Frame.Chunk frame, Frame.AckKind kind, long offset) {
        return new Frame.ChunkAck(self, frame.from(), frame.chunk().index(), frame.chunk().term(), frame.epoch(), kind,
                offset);
    }

    @Override
    public void close() {
        worker.shutdown();
        try {
            if (!worker.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("snapshot inbox still busy after 5 s; discarding its transfers anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            for (NodeId sender : Map.copyOf(receivers).keySet()) {
                discard(sender);
            }
        }
    }
}
