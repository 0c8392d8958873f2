package dev.jzx.bench;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.unix.FileDescriptor;
import io.netty.util.internal.PlatformDependent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** {@link PipeIo} through Netty's unix {@link FileDescriptor} (one JNI call a byte), before JDK 22. */
final class NettyPipeIo implements PipeIo {
    private static final ByteBuffer ONE_BYTE = ByteBuffer.allocateDirect(1);
    /** Reading and writing by address skips a JNI lookup of the buffer's address on every call. */
    private static final long ONE_BYTE_ADDRESS = PlatformDependent.directBufferAddress(ONE_BYTE);

    /** The descriptors made, by number (written at setup, read on the measured path). */
    private volatile FileDescriptor[] byFd = new FileDescriptor[1024];

    NettyPipeIo() {
        Epoll.ensureAvailability(); // FileDescriptor's native code ships in the transport's library
    }

    @Override
    public synchronized long pipe() {
        try {
            FileDescriptor[] p = FileDescriptor.pipe();
            int high = Math.max(p[0].intValue(), p[1].intValue());
            FileDescriptor[] table = byFd;
            if (high >= table.length) {
                table = Arrays.copyOf(table, Math.max(high + 1, table.length * 2));
            }
            table[p[0].intValue()] = p[0];
            table[p[1].intValue()] = p[1];
            byFd = table;
            return (long) p[0].intValue() << 32 | p[1].intValue();
        } catch (IOException e) {
            throw new UncheckedIOException("pipe", e);
        }
    }

    @Override
    public int readByte(int fd) {
        try {
            return Math.max(0, byFd[fd].readAddress(ONE_BYTE_ADDRESS, 0, 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int writeByte(int fd) {
        try {
            return byFd[fd].writeAddress(ONE_BYTE_ADDRESS, 0, 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close(int fd) {
        try {
            byFd[fd].close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
