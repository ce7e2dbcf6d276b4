package io.kairos.storage.wal;

import io.kairos.raft.LogEntry;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The frame of one log record in a segment file:
 *
 * <pre>
 *   length  int    bytes after the checksum: 17 + payload length
 *   crc     int    CRC32C of those bytes
 *   type    byte   see {@link LogEntryCodec}
 *   index   long
 *   term    long
 *   payload bytes
 * </pre>
 */
final class RecordFormat {

    /** Bytes of the length and checksum fields. */
    static final int PREFIX_BYTES = 2 * Integer.BYTES;
    /** Bytes of type, index and term: the smallest valid length. */
    static final int MIN_BODY_BYTES = 1 + 2 * Long.BYTES;
    /** Largest body accepted; a larger length field is damage, not an entry. */
    static final int MAX_BODY_BYTES = 256 * 1024 * 1024;

    private RecordFormat() {}

    /** The whole framed record of {@code entry}, ready to write. */
    static ByteBuffer encode(LogEntry entry) {
        byte[] payload = LogEntryCodec.payloadOf(entry);
        int bodyBytes = MIN_BODY_BYTES + payload.length;
        if (payload.length > MAX_BODY_BYTES - MIN_BODY_BYTES) {
            throw new IllegalArgumentException("entry " + entry.index() + " has a payload of " + payload.length
                    + " bytes, more than the " + (MAX_BODY_BYTES - MIN_BODY_BYTES) + " a record holds");
        }
        ByteBuffer record = ByteBuffer.allocate(PREFIX_BYTES + bodyBytes);
        record.putInt(bodyBytes).putInt(0);
        record.put(LogEntryCodec.typeOf(entry)).putLong(entry.index()).putLong(entry.term()).put(payload);
        record.putInt(Integer.BYTES, crcOf(record.array(), PREFIX_BYTES, bodyBytes));
        return record.flip();
    }

    static int crcOf(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    static boolean isValidBodyLength(int bodyBytes) {
        return bodyBytes >= MIN_BODY_BYTES && bodyBytes <= MAX_BODY_BYTES;
    }

    /**
     * The entry in {@code body} (type, index, term, payload) whose checksum has already been verified.
     *
     * @throws IllegalArgumentException if the content does not decode
     */
    static LogEntry decodeBody(ByteBuffer body) {
        byte type = body.get();
        long index = body.getLong();
        long term = body.getLong();
        return LogEntryCodec.decode(type, index, term, body);
    }
}
