package dev.jzx.spi;

import dev.jzx.Io;

/**
 * The poll(2) event bits and their translation to and from {@link Io} bits, for any backend
 * whose kernel speaks them: io_uring's POLL_ADD takes and returns them, and epoll's
 * {@code EPOLLIN}, {@code EPOLLOUT}, {@code EPOLLERR}, {@code EPOLLHUP} and {@code EPOLLRDHUP}
 * have the same values (Linux UAPI, identical on every architecture).
 */
public final class PollBits {
    /** Readable. */
    public static final int POLLIN = 0x1;
    /** Writable. */
    public static final int POLLOUT = 0x4;
    /** An error condition (always reported). */
    public static final int POLLERR = 0x8;
    /** Hung up: both directions are closed (always reported). */
    public static final int POLLHUP = 0x10;
    /** Not an open descriptor. */
    public static final int POLLNVAL = 0x20;
    /** The peer shut its writing side (Linux; reported when asked for, and by io_uring always). */
    public static final int POLLRDHUP = 0x2000;

    private PollBits() {
    }

    /**
     * @param interest {@link Io#READ}, {@link Io#WRITE} or both
     * @return the events to ask for. READ also asks for POLLRDHUP, as mio does, so a socket whose
     *         peer shut its writing side reports {@link Io#HANGUP} with the end-of-file READ;
     *         POLLERR and POLLHUP need no asking.
     */
    public static int events(int interest) {
        int events = 0;
        if ((interest & Io.READ) != 0) {
            events |= POLLIN | POLLRDHUP;
        }
        if ((interest & Io.WRITE) != 0) {
            events |= POLLOUT;
        }
        return events;
    }

    /**
     * What poll(2) with {@code interest} would report for {@code revents}: POLLRDHUP counts as
     * {@link Io#HANGUP} only with {@link Io#READ} in the interest (a kernel may return it
     * unasked, as io_uring does), POLLNVAL as {@link Io#ERROR} with {@link Backend#DROPPED}.
     *
     * @param revents  the mask the kernel returned
     * @param interest the interest the fd was armed with
     * @return the {@link Io} readiness, plus {@link Backend#DROPPED} for POLLNVAL
     */
    public static int readiness(int revents, int interest) {
        int r = 0;
        if ((revents & POLLIN) != 0) {
            r |= Io.READ;
        }
        if ((revents & POLLOUT) != 0) {
            r |= Io.WRITE;
        }
        if ((revents & POLLERR) != 0) {
            r |= Io.ERROR;
        }
        if ((revents & POLLHUP) != 0 || ((revents & POLLRDHUP) != 0 && (interest & Io.READ) != 0)) {
            r |= Io.HANGUP;
        }
        if ((revents & POLLNVAL) != 0) {
            r |= Io.ERROR | Backend.DROPPED;
        }
        return r;
    }
}
