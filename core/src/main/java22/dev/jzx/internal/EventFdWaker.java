package dev.jzx.internal;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The eventfd that wakes a loop's wait from any thread: in an epoll set, or read by an
 * {@code IORING_OP_READ} in an io_uring.
 *
 * <h2>Never a write to a number it no longer owns</h2>
 * A wake-up may come from any thread at any time, also while or after the loop closes, and once
 * closed the number may name a user's file. So one word counts the wake-ups writing now and holds
 * a closed bit; {@link #signal()} enters only while the bit is clear, and the eventfd is closed
 * by whoever leaves last: {@link #close()} itself when no wake-up is writing, else the last
 * writer on its way out. Nothing waits and nothing locks.
 *
 * <h2>One write per wait</h2>
 * A write is needed only when none is pending: once the counter is non-zero the wait returns
 * anyway. {@link #pending} is set before the write and cleared by {@link #consumed()} after the
 * counter was read (by {@link #drain(MemorySegment)}, or by the kernel for a ring's read).
 * So while it is set, either the counter is non-zero or the loop is past its wait, reading
 * it: a wake-up that skips its write then is served by the wait that is returning. (Cleared
 * before the read, a write landing in between would be read away with the flag left set, and
 * every later wake-up skipped.)
 */
public final class EventFdWaker {
    /** The closed bit of {@link #state}: the sign bit, so any closed state is negative. */
    private static final int CLOSED = Integer.MIN_VALUE;
    private static final VarHandle STATE = Fields.handle(MethodHandles.lookup(), "state", int.class);

    /** The eventfd. */
    private final int fd;
    /** Wake-ups writing the eventfd now, plus {@link #CLOSED} once {@link #close()} ran. */
    @SuppressWarnings("unused") // through STATE
    private volatile int state;
    /** A write is on its way or unread: the wait returns without another. */
    private volatile boolean pending;

    /**
     * Takes over an eventfd.
     *
     * @param fd an eventfd, owned from now on
     */
    public EventFdWaker(int fd) {
        this.fd = fd;
    }

    /** Makes the eventfd readable, unless it is already or has been closed. Any thread. */
    public void signal() {
        if (pending) {
            return;
        }
        int s;
        do {
            s = state;
            if (s < 0) {
                return; // closed: the number may be someone else's now
            }
        } while (!STATE.weakCompareAndSet(this, s, s + 1));
        try {
            pending = true;
            Libc.signal(fd);
        } finally {
            if ((int) STATE.getAndAdd(this, -1) == (CLOSED | 1)) {
                Libc.close(fd); // closed while this write was under way, and this was the last one
            }
        }
    }

    /**
     * Empties a non-blocking eventfd's counter after the wait reported it readable. The loop's thread.
     *
     * @param buffer 8 bytes of the loop's native memory
     */
    public void drain(MemorySegment buffer) {
        Libc.drain(fd, buffer);
        consumed();
    }

    /** The counter has been read (by the kernel, for a ring's read): the next wake-up writes. The loop's thread. */
    public void consumed() {
        pending = false;
    }

    /** Closes the eventfd now, or lets the last wake-up in progress close it. The loop's thread, once. */
    public void close() {
        if ((int) STATE.getAndBitwiseOr(this, CLOSED) == 0) {
            Libc.close(fd);
        }
    }
}
