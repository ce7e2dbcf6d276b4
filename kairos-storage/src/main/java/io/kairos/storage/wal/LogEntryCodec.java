package io.kairos.storage.wal;

import io.kairos.raft.LogEntry;
import io.kairos.raft.Membership;
import io.kairos.raft.NodeId;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;

/**
 * The compact binary form of a {@link LogEntry}'s content: a type byte and a payload. Index and
 * term travel in the record frame, not here.
 *
 * <ul>
 *   <li>{@code COMMAND}: the command's bytes as they are.
 *   <li>{@code NOOP}: an empty payload.
 *   <li>{@code CONFIG}: three node id sets (voters, outgoing voters, learners), each a count
 *       (int) followed by that many ids (int).
 * </ul>
 *
 * Decoding rejects unknown types, payloads of the wrong length and invalid memberships with an
 * {@link IllegalArgumentException} naming what is wrong.
 *
 * <p>Public because the transport sends entries on the wire in this same form, so that there is
 * one encoding of an entry, not two.
 */
public final class LogEntryCodec {

    static final byte COMMAND = 1;
    static final byte NOOP = 2;
    static final byte CONFIG = 3;

    private LogEntryCodec() {}

    public static byte typeOf(LogEntry entry) {
        if (entry instanceof LogEntry.Command) {
            return COMMAND;
        } else if (entry instanceof LogEntry.Noop) {
            return NOOP;
        } else if (entry instanceof LogEntry.Config) {
            return CONFIG;
        }
        throw new AssertionError("unknown entry type " + entry);
    }

    /** The payload bytes of {@code entry}; the caller must not mutate them. */
    public static byte[] payloadOf(LogEntry entry) {
        if (entry instanceof LogEntry.Command c) {
            return c.payload();
        } else if (entry instanceof LogEntry.Noop) {
            return new byte[0];
        } else if (entry instanceof LogEntry.Config c) {
            return encodeMembership(c.membership());
        }
        throw new AssertionError("unknown entry type " + entry);
    }

    /**
     * The entry of the given type at {@code index}/{@code term} whose payload is the remaining
     * bytes of {@code payload} (consumed).
     *
     * @throws IllegalArgumentException for an unknown type or a payload that does not decode exactly
     */
    public static LogEntry decode(byte type, long index, long term, ByteBuffer payload) {
        switch (type) {
            case COMMAND: {
                byte[] bytes = new byte[payload.remaining()];
                payload.get(bytes);
                return new LogEntry.Command(index, term, bytes);
            }
            case NOOP:
                if (payload.hasRemaining()) {
                    throw new IllegalArgumentException(
                            "noop entry " + index + " has a payload of " + payload.remaining() + " bytes, expected 0");
                }
                return new LogEntry.Noop(index, term);
            case CONFIG:
                return new LogEntry.Config(index, term, decodeMembership(index, payload));
            default:
                throw new IllegalArgumentException("entry " + index + " has unknown type " + type);
        }
    }

    private static byte[] encodeMembership(Membership membership) {
        int ids = membership.voters().size() + membership.outgoingVoters().size() + membership.learners().size();
        ByteBuffer out = ByteBuffer.allocate(3 * Integer.BYTES + ids * Integer.BYTES);
        putIds(out, membership.voters());
        putIds(out, membership.outgoingVoters());
        putIds(out, membership.learners());
        return out.array();
    }

    private static void putIds(ByteBuffer out, Set<NodeId> ids) {
        out.putInt(ids.size());
        // Sorted so that one membership always encodes to the same bytes.
        ids.stream().mapToInt(NodeId::value).sorted().forEach(out::putInt);
    }

    private static Membership decodeMembership(long index, ByteBuffer in) {
        Set<NodeId> voters = getIds(index, "voters", in);
        Set<NodeId> outgoing = getIds(index, "outgoing voters", in);
        Set<NodeId> learners = getIds(index, "learners", in);
        if (in.hasRemaining()) {
            throw new IllegalArgumentException(
                    "config entry " + index + " has " + in.remaining() + " trailing bytes after its membership");
        }
        return new Membership(voters, outgoing, learners);
    }

    private static Set<NodeId> getIds(long index, String what, ByteBuffer in) {
        try {
            int count = in.getInt();
            if (count < 0 || (long) count * Integer.BYTES > in.remaining()) {
                throw new IllegalArgumentException("config entry " + index + " claims " + count + " " + what
                        + " but only " + in.remaining() + " bytes remain");
            }
            Set<NodeId> ids = new HashSet<>();
            for (int i = 0; i < count; i++) {
                if (!ids.add(NodeId.of(in.getInt()))) {
                    throw new IllegalArgumentException("config entry " + index + " lists a node twice in its " + what);
                }
            }
            return ids;
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("config entry " + index + " ends before the count of its " + what, e);
        }
    }
}
