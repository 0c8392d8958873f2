package dev.jzx.epoll;

import dev.jzx.internal.EpollCalls;
import dev.jzx.internal.EpollEvent;
import dev.jzx.internal.Errnos;
import dev.jzx.internal.Libc;
import dev.jzx.internal.WakeableEpoll;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout;

/**
 * epoll through {@code java.lang.foreign} (JDK 22+): {@code epoll_create1}, {@code epoll_ctl},
 * {@code epoll_wait}, an eventfd for wake-ups, {@code close}; mio's {@code epoll.rs} in Java. It
 * loads no Netty class.
 *
 * <p>An entry's {@code epoll_event.data} is its tag; the eventfd's is {@link #WAKE}, which no
 * tag can be. Native memory (the events array, one {@code epoll_event} for
 * {@code epoll_ctl}, the errno capture, the eventfd's read buffer) is one block, allocated at
 * open and freed at close ({@link Libc#allocate}: the loop may move from thread to thread
 * between runs, which rules out a confined arena, and closing a shared one costs a handshake
 * with every thread). So a wait and a change allocate nothing and take no lock.
 */
final class FfmEpollAdapter implements EpollAdapter {
    /**
     * Events one wait can return. More ready fds are not lost: level-triggered entries stay
     * ready, and the kernel moves those it returned to the back of its ready list, so the next
     * wait returns the others.
     */
    static final int CAPACITY = 1024;
    /** The eventfd's {@code data}: no tag is -1. */
    private static final long WAKE = -1L;
    /** The native block: the slices below, each aligned to at most 8 bytes. */
    private static final long BLOCK_SIZE = Libc.Errno.bytes() + EpollEvent.SIZE * (CAPACITY + 1) + Long.BYTES
            + 4 * 8; // room to align each of the four slices

    private final MemorySegment block;
    private final Libc.Errno errno;
    private final WakeableEpoll epoll;
    private final int epfd;
    /** One {@code epoll_event}, filled for each {@code epoll_ctl}. */
    private final MemorySegment change;
    /** {@link #CAPACITY} {@code epoll_event}s, filled by each {@code epoll_wait}. */
    private final MemorySegment events;
    /** 8 bytes the eventfd's counter is read into. */
    private final MemorySegment wakeCounter;

    private FfmEpollAdapter(MemorySegment block, Libc.Errno errno, MemorySegment change, SegmentAllocator slices) {
        this.block = block;
        this.errno = errno;
        this.change = change;
        this.events = slices.allocate(EpollEvent.SIZE * CAPACITY, 8);
        this.wakeCounter = slices.allocate(ValueLayout.JAVA_LONG);
        this.epoll = WakeableEpoll.open(errno, change, WAKE);
        this.epfd = epoll.epfd;
    }

    /**
     * Opens an epoll fd and its eventfd, and adds the eventfd for {@code EPOLLIN}.
     *
     * @return the adapter
     * @throws UncheckedIOException naming the call that failed and its errno; nothing stays open
     */
    static FfmEpollAdapter open() {
        MemorySegment block = Libc.allocate(BLOCK_SIZE);
        try {
            SegmentAllocator slices = SegmentAllocator.slicingAllocator(block);
            Libc.Errno errno = new Libc.Errno(slices);
            return new FfmEpollAdapter(block, errno, slices.allocate(EpollEvent.SIZE, 8), slices);
        } catch (RuntimeException | Error e) {
            Libc.free(block);
            throw e;
        }
    }

    @Override
    public int add(int fd, int events, long tag) {
        EpollEvent.set(change, events, tag);
        return EpollCalls.ctl(errno, epfd, EpollCalls.CTL_ADD, fd, change);
    }

    @Override
    public int modify(int fd, int events, long tag) {
        EpollEvent.set(change, events, tag);
        return EpollCalls.ctl(errno, epfd, EpollCalls.CTL_MOD, fd, change);
    }

    /** A failure (EBADF: the number was closed, and the entry went with it; ENOENT) is ignored. */
    @Override
    public void delete(int fd) {
        EpollCalls.ctl(errno, epfd, EpollCalls.CTL_DEL, fd, MemorySegment.NULL);
    }

    /** Nothing to drop: the adapter holds no per-fd state. */
    @Override
    public void forget(int fd) {
    }

    /** {@code EINTR} (a signal handler ran) is an early return with no event. */
    @Override
    public void wait(long timeoutNanos, EpollEventSink sink) {
        int n = EpollCalls.wait(errno, epfd, events, CAPACITY, EpollTimeout.millis(timeoutNanos));
        if (n < 0) {
            if (-n == Errnos.EINTR) {
                return;
            }
            throw WakeableEpoll.failure("epoll_wait", -n);
        }
        if (n > 0) {
            sink.waitReturned();
        }
        MemorySegment ready = events; // a local: the sink's stores cannot make the loop reload it
        for (int i = 0; i < n; i++) {
            long data = EpollEvent.data(ready, i);
            if (data == WAKE) {
                epoll.wake.drain(wakeCounter);
            } else {
                sink.event(data, EpollEvent.events(ready, i));
            }
        }
    }

    @Override
    public boolean oneShot() {
        return true;
    }

    /** {@return true: events are read from {@link #events}, which only the next wait fills} */
    @Override
    public boolean reentrant() {
        return true;
    }

    @Override
    public int descriptor() {
        return epfd;
    }

    @Override
    public void wakeup() {
        epoll.wake.signal();
    }

    @Override
    public void close() {
        try {
            epoll.close(); // a wake-up still under way touches only the eventfd, never the block
        } finally {
            Libc.free(block);
        }
    }
}
