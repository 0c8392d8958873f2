package dev.jzx.bench;

import io.netty.channel.unix.FileDescriptor;
import io.netty.util.internal.PlatformDependent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * A non-blocking pipe as raw fds, read and written through Netty's unix {@link FileDescriptor}
 * (one JNI call, one system call, no allocation). Its native code is loaded by the io_uring or
 * epoll backend, so open a loop first.
 */
final class NativePipe implements AutoCloseable {
    private static final ByteBuffer ONE_BYTE = ByteBuffer.allocateDirect(1);
    /** Reading and writing by address skips a JNI lookup of the buffer's address on every call. */
    private static final long ONE_BYTE_ADDRESS = PlatformDependent.directBufferAddress(ONE_BYTE);

    final FileDescriptor read;
    final FileDescriptor write;

    private NativePipe(FileDescriptor[] fds) {
        this.read = fds[0];
        this.write = fds[1];
    }

    static NativePipe open() {
        try {
            return new NativePipe(FileDescriptor.pipe());
        } catch (IOException e) {
            throw new UncheckedIOException("pipe", e);
        }
    }

    int readFd() {
        return read.intValue();
    }

    int writeFd() {
        return write.intValue();
    }

    static int readByte(FileDescriptor fd) {
        try {
            return fd.readAddress(ONE_BYTE_ADDRESS, 0, 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int writeByte(FileDescriptor fd) {
        try {
            return fd.writeAddress(ONE_BYTE_ADDRESS, 0, 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            read.close();
            write.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
