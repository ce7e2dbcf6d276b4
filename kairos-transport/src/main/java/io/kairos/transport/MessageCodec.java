package io.kairos.transport;

import io.kairos.raft.LogEntry;
import io.kairos.raft.Membership;
import io.kairos.raft.NodeId;
import io.kairos.raft.Snapshot;
import io.kairos.raft.SnapshotMeta;
import io.kairos.raft.message.AppendRequest;
import io.kairos.raft.message.AppendResponse;
import io.kairos.raft.message.Heartbeat;
import io.kairos.raft.message.HeartbeatResponse;
import io.kairos.raft.message.InstallSnapshot;
import io.kairos.raft.message.Message;
import io.kairos.raft.message.ReadIndexRequest;
import io.kairos.raft.message.ReadIndexResponse;
import io.kairos.raft.message.TimeoutNow;
import io.kairos.raft.message.VoteRequest;
import io.kairos.raft.message.VoteResponse;
import io.kairos.storage.wal.LogEntryCodec;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The bodies of the ten Raft messages. Every body starts with {@code from} (int), {@code to} (int)
 * and {@code term} (long); the rest is per type, as the README lays out. Log entries are encoded by
 * storage's {@link LogEntryCodec}, the same form the WAL keeps.
 */
final class MessageCodec {

    /** Smallest encoded entry: type byte, term, payload length. */
    private static final int MIN_ENTRY_BYTES = 1 + Long.BYTES + Integer.BYTES;

    private MessageCodec() {}

    static byte typeOf(Message m) {
        if (m instanceof VoteRequest) {
            return WireTypes.VOTE_REQUEST;
        } else if (m instanceof VoteResponse) {
            return WireTypes.VOTE_RESPONSE;
        } else if (m instanceof AppendRequest) {
            return WireTypes.APPEND_REQUEST;
        } else if (m instanceof AppendResponse) {
            return WireTypes.APPEND_RESPONSE;
        } else if (m instanceof Heartbeat) {
            return WireTypes.HEARTBEAT;
        } else if (m instanceof HeartbeatResponse) {
            return WireTypes.HEARTBEAT_RESPONSE;
        } else if (m instanceof InstallSnapshot) {
            return WireTypes.INSTALL_SNAPSHOT;
        } else if (m instanceof TimeoutNow) {
            return WireTypes.TIMEOUT_NOW;
        } else if (m instanceof ReadIndexRequest) {
            return WireTypes.READ_INDEX_REQUEST;
        } else if (m instanceof ReadIndexResponse) {
            return WireTypes.READ_INDEX_RESPONSE;
        }
        throw new AssertionError("unknown message type " + m);
    }

    /**
     * The whole frame for {@code m}.
     *
     * @throws IllegalArgumentException for an {@link InstallSnapshot} whose payload is not empty:
     *     snapshot content travels as chunk frames, never inside one message
     */
    static byte[] encode(Message m) {
        WireWriter out = new WireWriter(typeOf(m));
        out.writeInt(m.from().value()).writeInt(m.to().value()).writeLong(m.term());
        if (m instanceof VoteRequest v) {
            out.writeLong(v.lastIndex()).writeLong(v.lastTerm()).writeByte(flag(v.preVote())).writeByte(flag(v.transfer()));
        } else if (m instanceof VoteResponse v) {
            out.writeByte(flag(v.preVote())).writeByte(flag(v.granted()));
        } else if (m instanceof AppendRequest a) {
            writeAppend(out, a);
        } else if (m instanceof AppendResponse a) {
            out.writeByte(flag(a.success())).writeLong(a.index()).writeLong(a.hintIndex()).writeLong(a.hintTerm());
        } else if (m instanceof Heartbeat h) {
            out.writeLong(h.commitIndex()).writeLong(h.sequence());
        } else if (m instanceof HeartbeatResponse h) {
            out.writeLong(h.sequence());
        } else if (m instanceof InstallSnapshot s) {
            writeSnapshotMeta(out, s);
        } else if (m instanceof TimeoutNow) {
            // nothing beyond the common fields
        } else if (m instanceof ReadIndexRequest r) {
            out.writeLong(r.requestId());
        } else if (m instanceof ReadIndexResponse r) {
            out.writeLong(r.requestId()).writeLong(r.readIndex());
        } else {
            throw new AssertionError("unknown message type " + m);
        }
        return out.toFrame();
    }

    /** Whether {@code type} is one of the Raft message types. */
    static boolean isMessageType(byte type) {
        return type >= WireTypes.VOTE_REQUEST && type <= WireTypes.READ_INDEX_RESPONSE;
    }

    /** Decodes the body of a message of {@code type}, which {@link #isMessageType} accepted. */
    static Message decode(byte type, WireReader in) {
        NodeId from = in.readNodeId("from");
        NodeId to = in.readNodeId("to");
        long term = in.readLong("term");
        switch (type) {
            case WireTypes.VOTE_REQUEST:
                return new VoteRequest(from, to, term, in.readLong("lastIndex"), in.readLong("lastTerm"),
                        in.readBoolean("preVote"), in.readBoolean("transfer"));
            case WireTypes.VOTE_RESPONSE:
                return new VoteResponse(from, to, term, in.readBoolean("preVote"), in.readBoolean("granted"));
            case WireTypes.APPEND_REQUEST:
                return readAppend(from, to, term, in);
            case WireTypes.APPEND_RESPONSE:
                return new AppendResponse(from, to, term, in.readBoolean("success"), in.readLong("index"),
                        in.readLong("hintIndex"), in.readLong("hintTerm"));
            case WireTypes.HEARTBEAT:
                return new Heartbeat(from, to, term, in.readLong("commitIndex"), in.readLong("sequence"));
            case WireTypes.HEARTBEAT_RESPONSE:
                return new HeartbeatResponse(from, to, term, in.readLong("sequence"));
            case WireTypes.INSTALL_SNAPSHOT:
                return new InstallSnapshot(from, to, term, new Snapshot(readSnapshotMeta(in), Snapshot.NO_PAYLOAD));
            case WireTypes.TIMEOUT_NOW:
                return new TimeoutNow(from, to, term);
            case WireTypes.READ_INDEX_REQUEST:
                return new ReadIndexRequest(from, to, term, in.readLong("requestId"));
            case WireTypes.READ_INDEX_RESPONSE:
                return new ReadIndexResponse(from, to, term, in.readLong("requestId"), in.readLong("readIndex"));
            default:
                throw new AssertionError("not a message type: " + type);
        }
    }

    private static void writeAppend(WireWriter out, AppendRequest a) {
        out.writeLong(a.prevIndex()).writeLong(a.prevTerm()).writeLong(a.leaderCommit());
        out.writeInt(a.entries().size());
        // Indexes are not sent: the request's constructor demands prevIndex + 1, + 2, ... anyway.
        for (LogEntry e : a.entries()) {
            byte[] payload = LogEntryCodec.payloadOf(e);
            out.writeByte(LogEntryCodec.typeOf(e)).writeLong(e.term()).writeInt(payload.length).writeBytes(payload);
        }
    }

    private static AppendRequest readAppend(NodeId from, NodeId to, long term, WireReader in) {
        long prevIndex = in.readLong("prevIndex");
        long prevTerm = in.readLong("prevTerm");
        long leaderCommit = in.readLong("leaderCommit");
        int count = in.readCount("entries", MIN_ENTRY_BYTES);
        List<LogEntry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte entryType = in.readByte("entry type");
            long entryTerm = in.readLong("entry term");
            byte[] payload = in.readBytes("entry payload");
            try {
                entries.add(LogEntryCodec.decode(entryType, prevIndex + 1 + i, entryTerm, ByteBuffer.wrap(payload)));
            } catch (IllegalArgumentException e) {
                throw in.invalid("entry " + (prevIndex + 1 + i) + ": " + e.getMessage());
            }
        }
        return new AppendRequest(from, to, term, prevIndex, prevTerm, entries, leaderCommit);
    }

    private static void writeSnapshotMeta(WireWriter out, InstallSnapshot s) {
        if (s.snapshot().payload().sizeBytes() != 0) {
            throw new IllegalArgumentException("an InstallSnapshot with a " + s.snapshot().payload().sizeBytes()
                    + "-byte payload is streamed as chunks, not encoded as one frame: " + s);
        }
        SnapshotMeta meta = s.snapshot().meta();
        out.writeLong(meta.index()).writeLong(meta.term());
        Membership membership = meta.membership();
        writeIds(out, membership.voters());
        writeIds(out, membership.outgoingVoters());
        writeIds(out, membership.learners());
    }

    private static SnapshotMeta readSnapshotMeta(WireReader in) {
        long index = in.readLong("snapshot index");
        long term = in.readLong("snapshot term");
        Set<NodeId> voters = readIds(in, "voters");
        Set<NodeId> outgoing = readIds(in, "outgoing voters");
        Set<NodeId> learners = readIds(in, "learners");
        return new SnapshotMeta(index, term, new Membership(voters, outgoing, learners));
    }

    private static void writeIds(WireWriter out, Set<NodeId> ids) {
        out.writeInt(ids.size());
        ids.stream().mapToInt(NodeId::value).sorted().forEach(out::writeInt);
    }

    private static Set<NodeId> readIds(WireReader in, String what) {
        int count = in.readCount(what, Integer.BYTES);
        Set<NodeId> ids = new HashSet<>();
        for (int i = 0; i < count; i++) {
            if (!ids.add(in.readNodeId(what))) {
                throw in.invalid("a node is listed twice among the " + what);
            }
        }
        return ids;
    }

    private static int flag(boolean value) {
        return value ? 1 : 0;
    }
}
