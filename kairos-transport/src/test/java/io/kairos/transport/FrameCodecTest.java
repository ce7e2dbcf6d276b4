package io.kairos.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kairos.raft.LogEntry;
import io.kairos.raft.NodeId;
import io.kairos.raft.Snapshot;
import io.kairos.raft.SnapshotMeta;
import io.kairos.raft.message.AppendRequest;
import io.kairos.raft.message.Heartbeat;
import io.kairos.raft.message.InstallSnapshot;
import io.kairos.raft.message.Message;
import io.kairos.raft.message.TimeoutNow;
import io.kairos.raft.Membership;
import io.kairos.transport.MalformedFrameException.Reason;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class FrameCodecTest {

    private static final NodeId N1 = NodeId.of(1);
    private static final NodeId N2 = NodeId.of(2);
    private static final int MAX = 4096;

    private static final byte[] HEARTBEAT = FrameCodec.encode(new Frame.Raft(new Heartbeat(N1, N2, 3, 7, 9)));

    @Test
    void everyMessageTypeHasItsOwnTypeByte() {
        Set<Byte> types = new HashSet<>();
        for (Class<?> type : Message.class.getPermittedSubclasses()) {
            Message sample = MessageArbitraries.messages().sampleStream()
                    .filter(type::isInstance).findFirst().orElseThrow();
            types.add(MessageCodec.typeOf(sample));
        }
        assertThat(types).hasSize(Message.class.getPermittedSubclasses().length);
    }

    @Test
    void anUnknownVersionIsRejected() {
        byte[] frame = HEARTBEAT.clone();
        frame[4] = 2;

        assertRejected(frame, Reason.UNKNOWN_VERSION).hasMessageContaining("frame version 2");
    }

    @Test
    void anUnknownTypeIsRejected() {
        byte[] frame = HEARTBEAT.clone();
        frame[5] = 99;

        assertRejected(frame, Reason.UNKNOWN_TYPE).hasMessageContaining("unknown frame type 99");
    }

    @Test
    void aTruncatedBodyIsRejected() {
        byte[] frame = Arrays.copyOf(HEARTBEAT, HEARTBEAT.length - 3);
        ByteBuffer.wrap(frame).putInt(frame.length - 4);

        assertRejected(frame, Reason.TRUNCATED_BODY).hasMessageContaining("ends before its sequence");
    }

    @Test
    void aFrameShorterThanItsLengthIsRejected() {
        byte[] frame = Arrays.copyOf(HEARTBEAT, HEARTBEAT.length - 3);

        assertRejected(frame, Reason.TRUNCATED_BODY).hasMessageContaining("only");
    }

    @Test
    void aLengthOverTheMaximumIsRejectedBeforeAnythingIsRead() {
        byte[] frame = HEARTBEAT.clone();
        ByteBuffer.wrap(frame).putInt(MAX + 1);

        assertRejected(frame, Reason.FRAME_TOO_LONG).hasMessageContaining("exceeds the maximum of 4096");
    }

    @Test
    void aNegativeOrTinyLengthIsRejected() {
        assertRejected(new byte[] {-1, -1, -1, -1}, Reason.FRAME_TOO_SHORT);
        assertRejected(new byte[] {0, 0, 0, 1, 1}, Reason.FRAME_TOO_SHORT);
    }

    @Test
    void trailingBytesInsideTheFrameAreRejected() {
        byte[] frame = Arrays.copyOf(HEARTBEAT, HEARTBEAT.length + 2);
        ByteBuffer.wrap(frame).putInt(frame.length - 4);

        assertRejected(frame, Reason.TRAILING_BYTES).hasMessageContaining("2 trailing bytes");
    }

    @Test
    void bytesAfterTheFrameAreRejected() {
        assertRejected(Arrays.copyOf(HEARTBEAT, HEARTBEAT.length + 1), Reason.TRAILING_BYTES);
    }

    @Test
    void aMessageToItsOwnSenderIsAnInvalidField() {
        byte[] frame = HEARTBEAT.clone();
        ByteBuffer.wrap(frame).putInt(10, 1); // to := from

        assertRejected(frame, Reason.INVALID_FIELD).hasMessageContaining("addressed to its sender");
    }

    @Test
    void aNodeIdBelowOneIsAnInvalidField() {
        byte[] frame = HEARTBEAT.clone();
        ByteBuffer.wrap(frame).putInt(6, 0);

        assertRejected(frame, Reason.INVALID_FIELD).hasMessageContaining("from must be a node id >= 1, got 0");
    }

    @Test
    void aBooleanOtherThanZeroOrOneIsAnInvalidField() {
        byte[] frame = FrameCodec.encode(new Frame.Raft(new io.kairos.raft.message.VoteResponse(N1, N2, 1, false, true)));
        frame[frame.length - 1] = 7;

        assertRejected(frame, Reason.INVALID_FIELD).hasMessageContaining("granted must be 0 or 1, got 7");
    }

    @Test
    void aHugeEntryCountIsRejectedWithoutAllocatingForIt() {
        AppendRequest append = new AppendRequest(N1, N2, 2, 0, 0, List.of(new LogEntry.Noop(1, 2)), 0);
        byte[] frame = FrameCodec.encode(new Frame.Raft(append));
        ByteBuffer.wrap(frame).putInt(4 + 2 + 16 + 24, Integer.MAX_VALUE);

        assertRejected(frame, Reason.TRUNCATED_BODY).hasMessageContaining("announces 2147483647 entries");
    }

    @Test
    void aCorruptEntryIsAnInvalidFieldNamingTheEntry() {
        AppendRequest append = new AppendRequest(N1, N2, 2, 4, 1, List.of(new LogEntry.Noop(5, 2)), 0);
        byte[] frame = FrameCodec.encode(new Frame.Raft(append));
        frame[4 + 2 + 16 + 24 + 4] = 42; // entry type

        assertRejected(frame, Reason.INVALID_FIELD).hasMessageContaining("entry 5").hasMessageContaining("unknown type 42");
    }

    @Test
    void anInstallSnapshotWithContentIsNotFramedWhole() {
        Snapshot withContent = new Snapshot(new SnapshotMeta(5, 1, Membership.ofVoters(N1, N2)), () -> 10);

        assertThatThrownBy(() -> FrameCodec.encode(new Frame.Raft(new InstallSnapshot(N1, N2, 1, withContent))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("streamed as chunks");
    }

    @Test
    void aHelloWithABlankClusterIdIsAnInvalidField() {
        byte[] frame = FrameCodec.encode(new Frame.Hello("k", N1, 1));
        frame[10] = ' ';

        assertRejected(frame, Reason.INVALID_FIELD).hasMessageContaining("cluster id must not be blank");
    }

    @Test
    void timeoutNowIsJustTheCommonFields() {
        assertThat(FrameCodec.encode(new Frame.Raft(new TimeoutNow(N1, N2, 5)))).hasSize(4 + 2 + 4 + 4 + 8);
    }

    private static AbstractThrowableAssert<?, ?> assertRejected(byte[] frame, Reason reason) {
        return assertThatThrownBy(() -> FrameCodec.decode(ByteBuffer.wrap(frame), MAX))
                .isInstanceOfSatisfying(MalformedFrameException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
