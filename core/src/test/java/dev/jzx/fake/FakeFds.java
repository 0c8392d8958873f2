package dev.jzx.fake;

import dev.jzx.testsuite.Fds;
import dev.jzx.testsuite.Pipe;
import dev.jzx.testsuite.SocketKind;
import dev.jzx.testsuite.SocketPair;
import java.util.HashSet;
import java.util.Set;

/** {@link Fds} over {@link FakeKernel}. */
public final class FakeFds implements Fds {
    private final FakeKernel kernel = FakeKernel.INSTANCE;
    private final Set<Integer> made = new HashSet<>();

    @Override
    public Pipe pipe() {
        int[] p = kernel.pipe();
        made.add(p[0]);
        made.add(p[1]);
        return new Pipe(p[0], p[1]);
    }

    @Override
    public int regularFile() {
        int fd = kernel.install(new FakeKernel.RegularFile());
        made.add(fd);
        return fd;
    }

    @Override
    public boolean hasSockets() {
        return true;
    }

    /** Both kinds are the same model here: a stream whose ends buffer what the other wrote. */
    @Override
    public SocketPair socketPair(SocketKind kind) {
        int[] p = kernel.socketPair();
        made.add(p[0]);
        made.add(p[1]);
        return new SocketPair(p[0], p[1]);
    }

    @Override
    public void shutdownOutput(int fd) {
        kernel.shutdownOutput(fd);
    }

    /** Waits like poll(2) would: on the kernel's monitor, which every change notifies. */
    @Override
    public int poll(int fd, int interest, long timeoutMillis) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        synchronized (kernel) {
            int r;
            while ((r = kernel.poll(fd, interest)) == 0 && timeoutMillis > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    kernel.wait(left / 1_000_000L, (int) (left % 1_000_000L));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            return r;
        }
    }

    @Override
    public int write(int fd, int bytes) {
        return kernel.write(fd, bytes);
    }

    @Override
    public int read(int fd, int max) {
        return kernel.read(fd, max);
    }

    @Override
    public void close(int fd) {
        if (!made.remove(fd)) {
            throw new IllegalArgumentException("fd " + fd + " was not made here or is already closed");
        }
        kernel.close(fd);
    }

    @Override
    public java.util.SortedMap<Integer, String> descriptorTable() {
        return kernel.descriptorTable();
    }

    @Override
    public void close() {
        for (int fd : made) {
            kernel.close(fd);
        }
        made.clear();
    }
}
