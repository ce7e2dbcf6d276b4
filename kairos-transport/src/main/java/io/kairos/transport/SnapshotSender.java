package io.kairos.transport;

import io.kairos.raft.NodeId;
import io.kairos.raft.message.InstallSnapshot;
import io.kairos.storage.snapshot.FileSnapshotPayload;
import io.kairos.storage.snapshot.SnapshotChunk;
import io.kairos.storage.snapshot.SnapshotChunks;
import io.netty.channel.Channel;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams one snapshot file to one peer as {@link Frame.Chunk}s with at most
 * {@code snapshotWindowChunks} chunks' worth of bytes unacknowledged, so memory stays bounded
 * whatever the file's size. After a reconnect, or when the receiver asks, it resumes from the
 * offset the receiver acknowledged. Runs on the peer client's event loop only.
 */
final class SnapshotSender implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SnapshotSender.class);

    /** Failed checksums in a row after which the transfer is given up (the leader will send again). */
    private static final int MAX_REJECTIONS = 3;

    private final TransportConfig config;
    private final NodeId peer;
    private final long windowBytes;

    /** The transfer under way, or null. */
    private InstallSnapshot message;
    private SnapshotChunks chunks;
    /** Invariant: ackedOffset <= nextOffset <= chunks.sizeBytes(). */
    private long ackedOffset;
    private long nextOffset;
    /** Bumped on every rewind; acks of an older epoch are for chunks sent before it and ignored. */
    private int epoch;
    /**
     * After a (re)start, a reconnect or a rewind, only one chunk goes out until the receiver has
     * acknowledged one: its answer says where it really stands, and a full window sent from the
     * wrong offset would only come back as a string of duplicates and resends.
     */
    private boolean probing;
    private int rejections;

    SnapshotSender(TransportConfig config, NodeId peer) {
        this.config = config;
        this.peer = peer;
        this.windowBytes = (long) config.snapshotChunkBytes() * config.snapshotWindowChunks();
    }

    /** Starts sending {@code s}, unless it is the transfer already under way. */
    void start(InstallSnapshot s, Channel channel) {
        FileSnapshotPayload payload = (FileSnapshotPayload) s.snapshot().payload();
        if (message != null && message.snapshot().meta().equals(s.snapshot().meta())
                && ((FileSnapshotPayload) message.snapshot().payload()).path().equals(payload.path())) {
            return; // the leader repeats itself while the transfer runs
        }
        close();
        try {
            chunks = SnapshotChunks.open(payload, config.snapshotChunkBytes());
        } catch (IOException | RuntimeException e) {
            log.warn("cannot send snapshot {}@{} to {}: {}", s.snapshot().index(), s.snapshot().term(), peer,
                    e.toString());
            return;
        }
        message = s;
        rewind(0);
        pump(channel);
    }

    void onConnected(Channel channel) {
        if (message != null) {
            rewind(ackedOffset);
            pump(channel);
        }
    }

    void onAck(Frame.ChunkAck ack, Channel channel) {
        if (message == null || ack.index() != chunks.meta().index() || ack.snapshotTerm() != chunks.meta().term()) {
            return;
        }
        if (ack.kind() != Frame.AckKind.INSTALLED && ack.epoch() != epoch) {
            return; // about a chunk sent before the latest rewind; an install is final whenever it comes
        }
        switch (ack.kind()) {
            case ACCEPTED:
                ackedOffset = Math.min(Math.max(ackedOffset, ack.offset()), nextOffset);
                probing = false;
                rejections = 0;
                break;
            case RESEND:
                rewind(Math.min(ack.offset(), chunks.sizeBytes() - 1));
                break;
            case INSTALLED:
                log.info("snapshot {}@{} installed at {}", ack.index(), ack.snapshotTerm(), peer);
                close();
                return;
            case REJECTED:
                if (++rejections >= MAX_REJECTIONS) {
                    log.warn("giving up snapshot {}@{} to {} after {} rejections", ack.index(), ack.snapshotTerm(),
                            peer, rejections);
                    close();
                    return;
                }
                rewind(0);
                break;
            default:
                throw new AssertionError("unknown ack kind " + ack.kind());
        }
        pump(channel);
    }

    private void rewind(long offset) {
        epoch++;
        probing = true;
        ackedOffset = offset;
        nextOffset = offset;
    }

    private void pump(Channel channel) {
        if (channel == null || !channel.isActive()) {
            return;
        }
        try {
            boolean wrote = false;
            long limit = probing ? 1 : windowBytes;
            while (nextOffset < chunks.sizeBytes() && nextOffset - ackedOffset < limit) {
                SnapshotChunk chunk = chunks.chunkAt(nextOffset);
                channel.write(new Frame.Chunk(message.from(), peer, message.term(), epoch, chunk), channel.voidPromise());
                nextOffset = chunk.endOffset();
                wrote = true;
            }
            if (wrote) {
                channel.flush();
            }
        } catch (IOException e) {
            log.warn("abandoning snapshot {}@{} to {}: {}", chunks.meta().index(), chunks.meta().term(), peer,
                    e.toString());
            close();
        }
    }

    /** Abandons the transfer under way, if any. */
    @Override
    public void close() {
        if (chunks != null) {
            try {
                chunks.close();
            } catch (IOException e) {
                log.warn("cannot close snapshot file sent to {}: {}", peer, e.toString());
            }
        }
        chunks = null;
        message = null;
        rejections = 0;
    }
}
