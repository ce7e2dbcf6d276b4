package io.kairos.storage.wal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Real files with faults armed by the test: tear the next write (write a prefix, then "crash"),
 * flip a bit as it is written at a chosen offset of a chosen file, or fail {@code force}.
 */
final class FaultInjection implements SegmentChannels {

    /** Bytes of the next positional write that reach the file before it fails; -1 when disarmed. */
    private int tearNextWriteAfterBytes = -1;
    private Path flipFile;
    private long flipOffset;
    private boolean failForce;
    /** Every file or directory forced, in order. */
    final List<Path> forced = new ArrayList<>();

    void tearNextWriteAfter(int bytes) {
        tearNextWriteAfterBytes = bytes;
    }

    void flipBitWhenWriting(Path file, long offset) {
        flipFile = file;
        flipOffset = offset;
    }

    void failForce() {
        failForce = true;
    }

    @Override
    public FileChannel open(Path path, OpenOption... options) throws IOException {
        return new FaultyChannel(path, FileChannel.open(path, options));
    }

    private final class FaultyChannel extends FileChannel {
        private final Path path;
        private final FileChannel delegate;

        FaultyChannel(Path path, FileChannel delegate) {
            this.path = path;
            this.delegate = delegate;
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            if (tearNextWriteAfterBytes >= 0) {
                int keep = Math.min(tearNextWriteAfterBytes, src.remaining());
                tearNextWriteAfterBytes = -1;
                ByteBuffer prefix = src.slice().limit(keep);
                delegate.write(prefix, position);
                throw new IOException("simulated crash after " + keep + " bytes of a write to " + path);
            }
            if (path.equals(flipFile) && flipOffset >= position && flipOffset < position + src.remaining()) {
                ByteBuffer copy = ByteBuffer.allocate(src.remaining()).put(src.duplicate()).flip();
                int at = (int) (flipOffset - position);
                copy.put(at, (byte) (copy.get(at) ^ 0x10));
                int written = delegate.write(copy, position);
                src.position(src.position() + written);
                return written;
            }
            return delegate.write(src, position);
        }

        @Override
        public void force(boolean metaData) throws IOException {
            if (failForce) {
                throw new IOException("simulated fsync failure on " + path);
            }
            forced.add(path);
            delegate.force(metaData);
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return delegate.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return delegate.read(dsts, offset, length);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            throw new UnsupportedOperationException("the log writes at explicit positions only");
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            throw new UnsupportedOperationException("the log writes at explicit positions only");
        }

        @Override
        public long position() throws IOException {
            return delegate.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            delegate.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return delegate.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            delegate.truncate(size);
            return this;
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return delegate.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
            return delegate.transferFrom(src, position, count);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return delegate.read(dst, position);
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            return delegate.map(mode, position, size);
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return delegate.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return delegate.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            delegate.close();
        }
    }
}
