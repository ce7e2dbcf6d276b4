package io.kairos.transport;

/** The frame header's constants: one place for the numbers the README documents. */
final class WireTypes {

    /** The frame version this code writes and the only one it reads. */
    static final int VERSION = 1;

    /** Bytes of the length prefix, which counts everything after itself. */
    static final int LENGTH_BYTES = 4;

    /** Version byte and type byte: the smallest frame content. */
    static final int HEADER_BYTES = 2;

    static final byte VOTE_REQUEST = 1;
    static final byte VOTE_RESPONSE = 2;
    static final byte APPEND_REQUEST = 3;
    static final byte APPEND_RESPONSE = 4;
    static final byte HEARTBEAT = 5;
    static final byte HEARTBEAT_RESPONSE = 6;
    static final byte INSTALL_SNAPSHOT = 7;
    static final byte TIMEOUT_NOW = 8;
    static final byte READ_INDEX_REQUEST = 9;
    static final byte READ_INDEX_RESPONSE = 10;
    static final byte HELLO = 64;
    static final byte SNAPSHOT_CHUNK = 65;
    static final byte SNAPSHOT_CHUNK_ACK = 66;

    private WireTypes() {}
}
