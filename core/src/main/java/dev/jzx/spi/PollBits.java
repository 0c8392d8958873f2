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
     * The poll(2) events a backend asks the kernel for.
     *
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
     * What poll(2) with {@code interest} would report for {@code revents}: only the directions
     * asked for, POLLRDHUP as {@link Io#HANGUP} only with {@link Io#READ} in the interest, and
     * POLLERR, POLLHUP and POLLNVAL always. A kernel may return more than was asked: io_uring adds
     * EPOLLRDHUP, EPOLLERR, EPOLLHUP and EPOLLNVAL to every poll ({@code IO_POLL_UNMASK} in
     * {@code io_uring/poll.c}), and reports a readable EOF to a poll that asked for POLLOUT.
     *
     * @param revents  the mask the kernel returned
     * @param interest the interest the fd was armed with
     * @return the {@link Io} readiness, plus {@link Backend#DROPPED} for POLLNVAL; 0 when poll(2)
     *         would report nothing
     */
    public static int readiness(int revents, int interest) {
        return readiness(revents & (events(interest) | POLLERR | POLLHUP | POLLNVAL));
    }

    /**
     * What poll(2) reports for {@code revents} from a kernel that returns only the events asked
     * for ({@link #events}) and POLLERR, POLLHUP and POLLNVAL, as epoll does: the same as
     * {@link #readiness(int, int)} with the interest those events were asked for, without
     * knowing it. Branch-free but for POLLNVAL: this is a backend's hot path.
     *
     * @param revents the mask the kernel returned
     * @return the {@link Io} readiness, plus {@link Backend#DROPPED} for POLLNVAL
     */
    public static int readiness(int revents) {
        int r = (revents & POLLIN) // Io.READ
                | (revents >>> 1 & (Io.WRITE | Io.ERROR | Io.HANGUP)) // POLLOUT, POLLERR, POLLHUP
                | (revents >>> 10 & Io.HANGUP); // POLLRDHUP
        return (revents & POLLNVAL) == 0 ? r : r | Io.ERROR | Backend.DROPPED;
    }
}
