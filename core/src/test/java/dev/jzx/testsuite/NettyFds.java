package dev.jzx.testsuite;

import io.netty.channel.unix.DomainSocketAddress;
import io.netty.channel.unix.FileDescriptor;
import io.netty.channel.unix.Socket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Real descriptors through Netty's unix {@link FileDescriptor}, whose native code
 * {@link NettyNatives} loads.
 */
public final class NettyFds implements Fds {
    static {
        NettyNatives.load();
    }

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
    public boolean hasSockets() {
        return true;
    }

    /**
     * Listens, connects and accepts (a loopback TCP port, or an AF_UNIX path in a fresh temporary
     * directory, removed at once). Both ends get small socket buffers (8 KiB asked) so filling
     * one is quick.
     */
    @Override
    public SocketPair socketPair(SocketKind kind) {
        Path dir = null;
        Socket listener = kind == SocketKind.UNIX ? Socket.newSocketDomain() : Socket.newSocketStream();
        try {
            SocketAddress address;
            if (kind == SocketKind.UNIX) {
                dir = Files.createTempDirectory("jzx");
                address = new DomainSocketAddress(dir.resolve("s").toString());
            } else {
                address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
            }
            listener.bind(address);
            listener.listen(1);
            if (kind == SocketKind.TCP_LOOPBACK) {
                address = listener.localAddress();
            }
            Socket a = kind == SocketKind.UNIX ? Socket.newSocketDomain() : Socket.newSocketStream();
            open.put(a.intValue(), a);
            smallBuffers(a);
            boolean connected = a.connect(address);
            if (PollOracle.poll(listener.intValue(), dev.jzx.Io.READ, ConformanceBase.PATIENCE.toMillis()) == 0) {
                throw new IOException("no connection to accept on " + address + " within " + ConformanceBase.PATIENCE);
            }
            int accepted = listener.accept(new byte[26]);
            if (accepted < 0) {
                throw new IOException("accept on " + address + " found nothing although poll said readable");
            }
            Socket b = new Socket(accepted);
            open.put(accepted, b);
            smallBuffers(b);
            if (!connected) {
                if (PollOracle.poll(a.intValue(), dev.jzx.Io.WRITE, ConformanceBase.PATIENCE.toMillis()) == 0
                        || !a.finishConnect()) {
                    throw new IOException("connect to " + address + " did not finish within " + ConformanceBase.PATIENCE);
                }
            }
            return new SocketPair(a.intValue(), b.intValue());
        } catch (IOException e) {
            throw new UncheckedIOException("socket pair (" + kind + ")", e);
        } finally {
            try {
                listener.close();
                if (dir != null) {
                    Files.deleteIfExists(dir.resolve("s"));
                    Files.deleteIfExists(dir);
                }
            } catch (IOException ignored) {
                // best effort cleanup
            }
        }
    }

    private static void smallBuffers(Socket s) throws IOException {
        s.setSendBufferSize(8192);
        s.setReceiveBufferSize(8192);
    }

    @Override
    public void shutdownOutput(int fd) {
        FileDescriptor d = descriptor(fd);
        if (!(d instanceof Socket)) {
            throw new IllegalArgumentException("fd " + fd + " is not a socket made here");
        }
        try {
            ((Socket) d).shutdown(false, true);
        } catch (IOException e) {
            throw new UncheckedIOException("shutdown(SHUT_WR) fd " + fd, e);
        }
    }

    @Override
    public int poll(int fd, int interest, long timeoutMillis) {
        return PollOracle.poll(fd, interest, timeoutMillis);
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
