package io.kairos.storage.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kairos.raft.HardState;
import io.kairos.raft.NodeId;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HardStateFileTest {

    @TempDir
    Path dir;

    @Test
    void aMissingFileReadsAsTheEmptyHardState() throws Exception {
        assertThat(new HardStateFile(dir.resolve("hardstate")).read()).isEqualTo(HardState.EMPTY);
    }

    @Test
    void whatIsWrittenIsReadBackByANewInstance() throws Exception {
        HardState state = new HardState(7, NodeId.of(3), 42);
        new HardStateFile(dir.resolve("hardstate")).write(state);
        assertThat(new HardStateFile(dir.resolve("hardstate")).read()).isEqualTo(state);
    }

    @Test
    void aLaterWriteReplacesTheEarlierOneAndLeavesNoTempFile() throws Exception {
        HardStateFile file = new HardStateFile(dir.resolve("hardstate"));
        file.write(new HardState(1, NodeId.of(1), 0));
        file.write(new HardState(2, null, 5));
        assertThat(file.read()).isEqualTo(new HardState(2, null, 5));
        assertThat(dir.resolve("hardstate.tmp")).doesNotExist();
    }

    @Test
    void aCrashBetweenTempWriteAndRenameLeavesTheOldStateReadable() throws Exception {
        HardStateFile file = new HardStateFile(dir.resolve("hardstate"));
        HardState old = new HardState(4, NodeId.of(2), 10);
        file.write(old);
        // The crash: the new state reached the temp file, the rename never happened.
        ByteBuffer next = HardStateFile.encode(new HardState(5, NodeId.of(1), 11));
        Files.write(dir.resolve("hardstate.tmp"), next.array());

        assertThat(new HardStateFile(dir.resolve("hardstate")).read()).isEqualTo(old);
    }

    @Test
    void aTornTempFileFromACrashDoesNotStopTheNextWrite() throws Exception {
        Files.write(dir.resolve("hardstate.tmp"), new byte[] {1, 2, 3});
        HardStateFile file = new HardStateFile(dir.resolve("hardstate"));
        file.write(new HardState(1, null, 0));
        assertThat(file.read()).isEqualTo(new HardState(1, null, 0));
    }

    @Test
    void aFlippedByteIsReportedAsCorruptionNamingTheFile() throws Exception {
        Path path = dir.resolve("hardstate");
        new HardStateFile(path).write(new HardState(9, NodeId.of(2), 3));
        byte[] bytes = Files.readAllBytes(path);
        bytes[12] ^= 0x01;
        Files.write(path, bytes);

        assertThatThrownBy(() -> new HardStateFile(path).read())
                .hasMessageContaining("hard state file " + path + " is corrupt")
                .hasMessageContaining("CRC32C")
                .hasMessageContaining("restore the data directory");
    }

    @Test
    void aTruncatedFileIsReportedWithItsLength() throws Exception {
        Path path = dir.resolve("hardstate");
        Files.write(path, new byte[5]);
        assertThatThrownBy(() -> new HardStateFile(path).read())
                .hasMessageContaining("is 5 bytes long, expected 32");
    }

    @Test
    void aFileFromANewerFormatIsRefusedRatherThanMisread() throws Exception {
        Path path = dir.resolve("hardstate");
        ByteBuffer future = HardStateFile.encode(new HardState(1, null, 0));
        future.putInt(4, 2);
        CRC32C crc = new CRC32C();
        crc.update(future.array(), 0, HardStateFile.SIZE_BYTES - 4);
        future.putInt(HardStateFile.SIZE_BYTES - 4, (int) crc.getValue());
        Files.write(path, future.array());

        assertThatThrownBy(() -> new HardStateFile(path).read())
                .hasMessageContaining("format version 2")
                .hasMessageContaining("reads version 1 only");
    }

    @Test
    void aFileThatIsNotAHardStateIsReportedByItsMagic() throws Exception {
        Path path = dir.resolve("hardstate");
        Files.write(path, new byte[HardStateFile.SIZE_BYTES]);
        assertThatThrownBy(() -> new HardStateFile(path).read())
                .hasMessageContaining("not the hard state magic");
    }
}
