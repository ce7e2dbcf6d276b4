package io.kairos.storage.snapshot;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32C;

/**
 * Hands out exactly a snapshot's content bytes and, on reaching their end, throws unless their
 * CRC32C matches the footer. A reader that stops early gets no verdict; one that reads to the end
 * never sees end-of-stream for corrupt content.
 */
final class VerifyingInputStream extends FilterInputStream {

    private final SnapshotFile file;
    private final CRC32C crc = new CRC32C();
    private long remaining;

    VerifyingInputStream(InputStream in, SnapshotFile file) {
        super(in);
        this.file = file;
        this.remaining = file.contentBytes();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (remaining == 0) {
            verify();
            return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
            throw SnapshotFile.corrupt(file.path(), "its content ends " + remaining + " bytes early");
        }
        crc.update(b, off, n);
        remaining -= n;
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipping would leave bytes out of the checksum; read them instead.
        byte[] sink = new byte[(int) Math.min(8192, Math.max(n, 1))];
        long skipped = 0;
        while (skipped < n) {
            int r = read(sink, 0, (int) Math.min(sink.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public int available() throws IOException {
        return (int) Math.min(in.available(), remaining);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void verify() throws IOException {
        int computed = (int) crc.getValue();
        if (computed != file.contentCrc()) {
            throw SnapshotFile.corrupt(file.path(), String.format(
                    "its content sums to CRC32C 0x%08x but the footer says 0x%08x", computed, file.contentCrc()));
        }
    }
}
