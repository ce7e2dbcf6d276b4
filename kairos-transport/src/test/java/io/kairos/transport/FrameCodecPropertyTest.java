package io.kairos.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kairos.raft.NodeId;
import io.kairos.raft.message.Message;
import io.kairos.storage.snapshot.SnapshotChunk;
import java.nio.ByteBuffer;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class FrameCodecPropertyTest {

    private static final int MAX = TransportConfig.DEFAULT_MAX_FRAME_BYTES;

    @Property(tries = 2000)
    void everyMessageSurvivesTheRoundTrip(@ForAll("messages") Message m) {
        byte[] frame = FrameCodec.encode(new Frame.Raft(m));

        assertThat(FrameCodec.decode(ByteBuffer.wrap(frame), MAX)).isEqualTo(new Frame.Raft(m));
    }

    @Property
    void theLengthPrefixCountsEverythingAfterItself(@ForAll("messages") Message m) {
        byte[] frame = FrameCodec.encode(new Frame.Raft(m));

        assertThat(ByteBuffer.wrap(frame).getInt()).isEqualTo(frame.length - 4);
        assertThat(frame[4]).isEqualTo((byte) WireTypes.VERSION);
    }

    @Property
    void hellosSurviveTheRoundTrip(@ForAll("clusterIds") String clusterId, @ForAll @IntRange(min = 1) int sender,
            @ForAll int version) {
        Frame hello = new Frame.Hello(clusterId, NodeId.of(sender), version);

        assertThat(roundTrip(hello)).isEqualTo(hello);
    }

    @Property
    void chunksAndAcksSurviveTheRoundTrip(@ForAll("chunks") Frame.Chunk chunk, @ForAll Frame.AckKind kind,
            @ForAll int epoch) {
        Frame ack = new Frame.ChunkAck(chunk.to(), chunk.from(), chunk.chunk().index(), chunk.chunk().term(), epoch,
                kind, chunk.chunk().endOffset());

        assertThat(roundTrip(chunk)).isEqualTo(chunk);
        assertThat(roundTrip(ack)).isEqualTo(ack);
    }

    @Property(tries = 500)
    void everyStrictPrefixOfAFrameIsRejectedAsTruncated(@ForAll("messages") Message m, @ForAll int cutSeed) {
        byte[] frame = FrameCodec.encode(new Frame.Raft(m));
        int keep = Math.floorMod(cutSeed, frame.length - 6) + 6; // keep the header, lose part of the body
        ByteBuffer content = ByteBuffer.wrap(Arrays.copyOfRange(frame, 4, keep));

        assertThatThrownBy(() -> FrameCodec.decodeContent(content))
                .isInstanceOfSatisfying(MalformedFrameException.class,
                        e -> assertThat(e.reason()).isIn(MalformedFrameException.Reason.TRUNCATED_BODY,
                                MalformedFrameException.Reason.INVALID_FIELD));
    }

    private static Frame roundTrip(Frame frame) {
        return FrameCodec.decode(ByteBuffer.wrap(FrameCodec.encode(frame)), MAX);
    }

    @Provide
    Arbitrary<Message> messages() {
        return MessageArbitraries.messages();
    }

    @Provide
    Arbitrary<String> clusterIds() {
        return Arbitraries.strings().ofMinLength(1).ofMaxLength(60).filter(s -> !s.isBlank());
    }

    @Provide
    Arbitrary<Frame.Chunk> chunks() {
        return Combinators.combine(MessageArbitraries.routes(), MessageArbitraries.nonNegative(),
                Arbitraries.integers(), Arbitraries.longs().between(1, Long.MAX_VALUE / 2),
                Arbitraries.longs().between(0, Long.MAX_VALUE / 2), Arbitraries.bytes().array(byte[].class).ofMaxSize(2000),
                Arbitraries.of(true, false), Arbitraries.integers())
                .as((r, term, epoch, index, offset, bytes, last, crc) -> new Frame.Chunk(r.from(), r.to(), term, epoch,
                        new SnapshotChunk(index, index, offset, bytes, last, crc)));
    }
}
