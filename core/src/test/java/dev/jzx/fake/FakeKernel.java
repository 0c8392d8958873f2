package dev.jzx.fake;

import dev.jzx.Io;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * An in-memory stand-in for the kernel's descriptor table: pipes, regular files and backend
 * objects, numbered lowest-free-first as POSIX does. Everything is guarded by this object's
 * monitor; any change wakes the fake backends waiting on it.
 */
public final class FakeKernel {
    /** One kernel for the whole test JVM, as there is one real kernel. */
    public static final FakeKernel INSTANCE = new FakeKernel();

    static final int PIPE_CAPACITY = 65536;

    private final List<FakeFile> table = new ArrayList<>();

    /** An open file description. */
    abstract static class FakeFile {
        boolean closed;

        /** @return poll(2)-style readiness, {@link Io} bits */
        abstract int readiness();

        /**
         * @return what poll(2) with this interest reports: the readiness within the interest,
         *         plus ERROR and HANGUP (a socket's half-close shows as HANGUP only under READ)
         */
        int readiness(int interest) {
            return readiness() & (interest | Io.ERROR | Io.HANGUP);
        }
    }

    /**
     * One end of a connected stream socket. Its receive buffer holds what the peer wrote;
     * {@code shutWrite} is its own {@code shutdown(SHUT_WR)} (or close), which the peer reads as
     * end of file and poll(2) shows the peer as POLLRDHUP, and, once both ends shut writing,
     * as POLLHUP on both.
     */
    static final class SocketEnd extends FakeFile {
        static final int CAPACITY = 16384;
        SocketEnd peer;
        int received;
        boolean shutWrite;

        @Override
        int readiness() {
            return readiness(Io.READ | Io.WRITE);
        }

        @Override
        int readiness(int interest) {
            boolean peerShut = peer.shutWrite;
            int r = 0;
            if ((interest & Io.READ) != 0 && (received > 0 || peerShut)) {
                r |= Io.READ;
            }
            if ((interest & Io.WRITE) != 0 && (shutWrite || peer.received < CAPACITY)) {
                r |= Io.WRITE;
            }
            if (peerShut && shutWrite) {
                r |= Io.HANGUP; // POLLHUP: nothing more can pass either way
            } else if (peerShut && (interest & Io.READ) != 0) {
                r |= Io.HANGUP; // POLLRDHUP, asked for with READ only
            }
            return r;
        }
    }

    static final class PipeBuffer {
        int buffered;
        boolean readerClosed;
        boolean writerClosed;
    }

    static final class PipeEnd extends FakeFile {
        final PipeBuffer pipe;
        final boolean reader;

        PipeEnd(PipeBuffer pipe, boolean reader) {
            this.pipe = pipe;
            this.reader = reader;
        }

        @Override
        int readiness() {
            if (reader) {
                return (pipe.buffered > 0 || pipe.writerClosed ? Io.READ : 0) | (pipe.writerClosed ? Io.HANGUP : 0);
            }
            return (pipe.buffered < PIPE_CAPACITY ? Io.WRITE : 0) | (pipe.readerClosed ? Io.ERROR : 0);
        }
    }

    static final class RegularFile extends FakeFile {
        @Override
        int readiness() {
            return Io.READ | Io.WRITE;
        }
    }

    /** A backend's own kernel object (its epoll fd, its ring), which a leak would leave open. */
    static final class BackendObject extends FakeFile {
        @Override
        int readiness() {
            return 0;
        }
    }

    synchronized int install(FakeFile f) {
        for (int fd = 3; fd < table.size(); fd++) {
            if (table.get(fd) == null) {
                table.set(fd, f);
                return fd;
            }
        }
        while (table.size() < 3) {
            table.add(null); // 0, 1, 2 belong to the real process
        }
        table.add(f);
        return table.size() - 1;
    }

    synchronized FakeFile file(int fd) {
        return fd < table.size() ? table.get(fd) : null;
    }

    synchronized int[] pipe() {
        PipeBuffer b = new PipeBuffer();
        int r = install(new PipeEnd(b, true));
        int w = install(new PipeEnd(b, false));
        return new int[] {r, w};
    }

    synchronized int[] socketPair() {
        SocketEnd a = new SocketEnd();
        SocketEnd b = new SocketEnd();
        a.peer = b;
        b.peer = a;
        return new int[] {install(a), install(b)};
    }

    synchronized void shutdownOutput(int fd) {
        FakeFile f = open(fd);
        if (!(f instanceof SocketEnd)) {
            throw new UncheckedIOException(new IOException("shutdown fd " + fd + ": ENOTSOCK"));
        }
        ((SocketEnd) f).shutWrite = true;
        changed();
    }

    synchronized int write(int fd, int bytes) {
        FakeFile f = open(fd);
        if (f instanceof RegularFile) {
            return bytes;
        }
        if (f instanceof SocketEnd) {
            SocketEnd end = (SocketEnd) f;
            if (end.shutWrite) {
                throw new UncheckedIOException(new IOException("write fd " + fd + ": EPIPE"));
            }
            int n = Math.min(bytes, SocketEnd.CAPACITY - end.peer.received);
            end.peer.received += n;
            changed();
            return n;
        }
        PipeEnd end = (PipeEnd) f;
        if (end.reader) {
            throw new UncheckedIOException(new IOException("write fd " + fd + ": EBADF (a pipe's read end)"));
        }
        if (end.pipe.readerClosed) {
            throw new UncheckedIOException(new IOException("write fd " + fd + ": EPIPE"));
        }
        int n = Math.min(bytes, PIPE_CAPACITY - end.pipe.buffered);
        end.pipe.buffered += n;
        changed();
        return n;
    }

    synchronized int read(int fd, int max) {
        FakeFile f = open(fd);
        if (f instanceof RegularFile) {
            return -1;
        }
        if (f instanceof SocketEnd) {
            SocketEnd end = (SocketEnd) f;
            if (end.received == 0) {
                return end.peer.shutWrite ? -1 : 0;
            }
            int n = Math.min(max, end.received);
            end.received -= n;
            changed();
            return n;
        }
        PipeEnd end = (PipeEnd) f;
        if (!end.reader) {
            throw new UncheckedIOException(new IOException("read fd " + fd + ": EBADF (a pipe's write end)"));
        }
        if (end.pipe.buffered == 0) {
            return end.pipe.writerClosed ? -1 : 0;
        }
        int n = Math.min(max, end.pipe.buffered);
        end.pipe.buffered -= n;
        changed();
        return n;
    }

    synchronized void close(int fd) {
        FakeFile f = open(fd);
        f.closed = true;
        table.set(fd, null);
        if (f instanceof SocketEnd) {
            ((SocketEnd) f).shutWrite = true; // the peer reads end of file
        }
        if (f instanceof PipeEnd) {
            PipeEnd end = (PipeEnd) f;
            if (end.reader) {
                end.pipe.readerClosed = true;
            } else {
                end.pipe.writerClosed = true;
            }
        }
        changed();
    }

    /** @return what poll(2) with this interest would report for {@code fd} now; ERROR for a closed one */
    synchronized int poll(int fd, int interest) {
        FakeFile f = file(fd);
        return f == null ? Io.ERROR : f.readiness(interest);
    }

    /** @return every open fake descriptor: number to what it is, by identity */
    synchronized java.util.SortedMap<Integer, String> descriptorTable() {
        java.util.SortedMap<Integer, String> m = new java.util.TreeMap<>();
        for (int fd = 0; fd < table.size(); fd++) {
            FakeFile f = table.get(fd);
            if (f != null) {
                m.put(fd, f.getClass().getSimpleName() + "@" + Integer.toHexString(System.identityHashCode(f)));
            }
        }
        return m;
    }

    private FakeFile open(int fd) {
        FakeFile f = file(fd);
        if (f == null) {
            throw new UncheckedIOException(new IOException("fd " + fd + ": EBADF"));
        }
        return f;
    }

    /** Wakes every fake backend blocked in poll. */
    synchronized void changed() {
        notifyAll();
    }
}
