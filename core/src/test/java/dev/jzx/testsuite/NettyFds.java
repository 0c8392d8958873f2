package dev.jzx.testsuite;

import io.netty.channel.unix.FileDescriptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Real descriptors through Netty's unix {@link FileDescriptor}, whose native code the backend
 * under test (io_uring, epoll or kqueue) has already loaded: the availability probe of the
 * backend must have run first, which {@link BackendFixture} ensures.
 */
public final class NettyFds implements Fds {
    private final Map<Integer, FileDescriptor> open = new HashMap<>();
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(65536);
    private Path tempFile;

    @Override
    public Pipe pipe() {
        try {
            FileDescriptor[] p = FileDescriptor.pipe();
            open.put(p[0].intValue(), p[0]);
            open.put(p[1].intValue(), p[1]);
            return new Pipe(p[0].intValue(), p[1].intValue());
        } catch (IOException e) {
            throw new UncheckedIOException("pipe", e);
        }
    }

    @Override
    public int regularFile() {
        try {
            if (tempFile == null) {
                tempFile = Files.createTempFile("jzx-conformance", ".dat");
                Files.write(tempFile, new byte[] {1, 2, 3});
            }
            FileDescriptor fd = FileDescriptor.from(tempFile.toFile());
            open.put(fd.intValue(), fd);
            return fd.intValue();
        } catch (IOException e) {
            throw new UncheckedIOException("open regular file", e);
        }
    }

    @Override
    public int write(int fd, int bytes) {
        try {
            return descriptor(fd).write(buffer, 0, Math.min(bytes, buffer.capacity()));
        } catch (IOException e) {
            throw new UncheckedIOException("write fd " + fd, e);
        }
    }

    @Override
    public int read(int fd, int max) {
        try {
            return descriptor(fd).read(buffer, 0, Math.min(max, buffer.capacity()));
        } catch (IOException e) {
            throw new UncheckedIOException("read fd " + fd, e);
        }
    }

    @Override
    public void close(int fd) {
        FileDescriptor d = open.remove(fd);
        if (d == null) {
            throw new IllegalArgumentException("fd " + fd + " was not made here or is already closed");
        }
        try {
            d.close();
        } catch (IOException e) {
            throw new UncheckedIOException("close fd " + fd, e);
        }
    }

    private FileDescriptor descriptor(int fd) {
        FileDescriptor d = open.get(fd);
        if (d == null) {
            throw new IllegalArgumentException("fd " + fd + " was not made here or is already closed");
        }
        return d;
    }

    @Override
    public java.util.SortedMap<Integer, String> descriptorTable() {
        return DescriptorTable.ofThisProcess();
    }

    @Override
    public void close() {
        for (FileDescriptor d : open.values()) {
            try {
                d.close();
            } catch (IOException ignored) {
                // best effort cleanup
            }
        }
        open.clear();
        if (tempFile != null) {
            try {
                Files.deleteIfExists(tempFile);
            } catch (IOException ignored) {
                // best effort cleanup
            }
        }
    }
}
