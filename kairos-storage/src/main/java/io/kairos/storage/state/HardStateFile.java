package io.kairos.storage.state;

import io.kairos.raft.HardState;
import io.kairos.raft.NodeId;
import io.kairos.storage.fsync.Fsync;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * The Raft hard state in one small file, replaced atomically: a temp file is written and forced,
 * renamed over the old one, and the directory forced. A crash at any point leaves either the old
 * or the new state readable, never a mix.
 *
 * <p>Layout (big-endian, {@value #SIZE_BYTES} bytes): magic {@code KHS1}, format version, term,
 * votedFor (0 for none), commit index, CRC32C of everything before it.
 */
public final class HardStateFile {

    static final int MAGIC = 0x4B485331; // "KHS1"
    static final int VERSION = 1;
    static final int SIZE_BYTES = 4 + 4 + 8 + 4 + 8 + 4;

    private final Path file;
    private final Path temp;

    public HardStateFile(Path file) {
        this.file = file;
        this.temp = file.resolveSibling(file.getFileName() + ".tmp");
    }

    public Path path() {
        return file;
    }

    /**
     * Reads the stored hard state; {@link HardState#EMPTY} if none was ever written. A leftover
     * temp file from a crash before the rename is ignored: the rename is the commit point.
     *
     * @throws IOException if the file cannot be read or is corrupt; the message names the file
     */
    public HardState read() throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return HardState.EMPTY;
        }
        return decode(bytes);
    }

    /** Stores {@code state} durably, replacing the previous one atomically. */
    public void write(HardState state) throws IOException {
        ByteBuffer buffer = encode(state);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            Fsync.force(channel, temp);
        }
        Fsync.replaceAtomically(temp, file);
    }

    static ByteBuffer encode(HardState state) {
        ByteBuffer buffer = ByteBuffer.allocate(SIZE_BYTES);
        buffer.putInt(MAGIC).putInt(VERSION).putLong(state.term())
                .putInt(state.votedFor() == null ? 0 : state.votedFor().value())
                .putLong(state.commitIndex());
        buffer.putInt(crc(buffer.array(), SIZE_BYTES - 4));
        return buffer.flip();
    }

    private HardState decode(byte[] bytes) throws IOException {
        if (bytes.length != SIZE_BYTES) {
            throw corrupt("it is " + bytes.length + " bytes long, expected " + SIZE_BYTES);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        int magic = buffer.getInt();
        if (magic != MAGIC) {
            throw corrupt(String.format("it starts with 0x%08x, not the hard state magic 0x%08x", magic, MAGIC));
        }
        int stored = buffer.getInt(SIZE_BYTES - 4);
        int computed = crc(bytes, SIZE_BYTES - 4);
        if (stored != computed) {
            throw corrupt(String.format("its CRC32C is 0x%08x but its content sums to 0x%08x", stored, computed));
        }
        int version = buffer.getInt();
        if (version != VERSION) {
            throw new IOException("hard state file " + file + " has format version " + version
                    + "; this build reads version " + VERSION + " only. Run the Kairos version that wrote it");
        }
        long term = buffer.getLong();
        int votedFor = buffer.getInt();
        long commitIndex = buffer.getLong();
        try {
            return new HardState(term, votedFor == 0 ? null : NodeId.of(votedFor), commitIndex);
        } catch (IllegalArgumentException e) {
            throw corrupt("it holds an impossible state: " + e.getMessage());
        }
    }

    private IOException corrupt(String why) {
        return new IOException("hard state file " + file + " is corrupt: " + why + ". The node cannot know its "
                + "term and vote; restore the data directory from a backup or remove this node and re-add it "
                + "to the cluster as a new member");
    }

    private static int crc(byte[] bytes, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, length);
        return (int) crc.getValue();
    }
}
