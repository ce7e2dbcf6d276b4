package io.kairos.storage.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kairos.raft.LogEntry;
import io.kairos.raft.Membership;
import io.kairos.raft.NodeId;
import java.nio.ByteBuffer;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LogEntryCodecTest {

    private static LogEntry roundTrip(LogEntry entry) {
        ByteBuffer record = RecordFormat.encode(entry);
        return RecordFormat.decodeBody(record.position(RecordFormat.PREFIX_BYTES));
    }

    @Test
    void commandsNoopsAndConfigsComeBackEqual() {
        Membership joint = new Membership(Set.of(NodeId.of(4), NodeId.of(5)), Set.of(NodeId.of(1), NodeId.of(2)),
                Set.of(NodeId.of(9)));
        LogEntry command = new LogEntry.Command(7, 3, new byte[] {1, 2, 3});
        LogEntry empty = new LogEntry.Command(8, 3, new byte[0]);
        LogEntry noop = new LogEntry.Noop(9, 4);
        LogEntry config = new LogEntry.Config(Long.MAX_VALUE, Long.MAX_VALUE, joint);

        assertThat(roundTrip(command)).isEqualTo(command);
        assertThat(roundTrip(empty)).isEqualTo(empty);
        assertThat(roundTrip(noop)).isEqualTo(noop);
        assertThat(roundTrip(config)).isEqualTo(config);
    }

    @Test
    void aRecordIsTheLengthChecksumTypeIndexTermAndPayload() {
        ByteBuffer record = RecordFormat.encode(new LogEntry.Command(5, 2, new byte[] {42}));

        assertThat(record.remaining()).isEqualTo(8 + 17 + 1);
        assertThat(record.getInt(0)).isEqualTo(18);
        assertThat(record.getInt(4)).isEqualTo(RecordFormat.crcOf(record.array(), 8, 18));
        assertThat(record.get(8)).isEqualTo(LogEntryCodec.COMMAND);
        assertThat(record.getLong(9)).isEqualTo(5);
        assertThat(record.getLong(17)).isEqualTo(2);
        assertThat(record.get(25)).isEqualTo((byte) 42);
    }

    @Test
    void anUnknownTypeIsRejectedNamingTheTypeAndIndex() {
        assertThatThrownBy(() -> LogEntryCodec.decode((byte) 9, 12, 1, ByteBuffer.allocate(0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("entry 12 has unknown type 9");
    }

    @Test
    void aNoopWithAPayloadIsRejected() {
        assertThatThrownBy(() -> LogEntryCodec.decode(LogEntryCodec.NOOP, 3, 1, ByteBuffer.allocate(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("noop entry 3 has a payload of 2 bytes, expected 0");
    }

    @Test
    void aConfigClaimingMoreIdsThanItHoldsIsRejected() {
        ByteBuffer payload = ByteBuffer.allocate(8).putInt(5).putInt(1).flip();

        assertThatThrownBy(() -> LogEntryCodec.decode(LogEntryCodec.CONFIG, 4, 1, payload))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("config entry 4 claims 5 voters but only 4 bytes remain");
    }

    @Test
    void aConfigCutBeforeItsLearnersIsRejected() {
        ByteBuffer payload = ByteBuffer.allocate(12).putInt(1).putInt(1).putInt(0).flip();

        assertThatThrownBy(() -> LogEntryCodec.decode(LogEntryCodec.CONFIG, 4, 1, payload))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("config entry 4 ends before the count of its learners");
    }

    @Test
    void aConfigWithTrailingBytesIsRejected() {
        ByteBuffer payload = ByteBuffer.allocate(17).putInt(1).putInt(1).putInt(0).putInt(0).put((byte) 0).flip();

        assertThatThrownBy(() -> LogEntryCodec.decode(LogEntryCodec.CONFIG, 4, 1, payload))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("config entry 4 has 1 trailing bytes after its membership");
    }

    @Test
    void aConfigWithANegativeCountIsRejected() {
        ByteBuffer payload = ByteBuffer.allocate(4).putInt(-1).flip();

        assertThatThrownBy(() -> LogEntryCodec.decode(LogEntryCodec.CONFIG, 4, 1, payload))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("config entry 4 claims -1 voters but only 0 bytes remain");
    }

    @Test
    void aSegmentHeaderWithAFlippedBitFailsItsChecksum() {
        ByteBuffer header = new SegmentHeader(33).encode();
        header.put(10, (byte) (header.get(10) ^ 1));

        assertThatThrownBy(() -> SegmentHeader.decode(header))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("segment header checksum mismatch");
        assertThat(SegmentHeader.decode(new SegmentHeader(33).encode())).isEqualTo(new SegmentHeader(33));
    }
}
