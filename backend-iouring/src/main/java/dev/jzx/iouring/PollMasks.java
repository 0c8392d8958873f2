package dev.jzx.iouring;

import dev.jzx.Io;
import dev.jzx.spi.Backend;

/**
 * Translation between {@link Io} bits and the poll(2) masks io_uring's POLL_ADD takes in
 * {@code poll32_events} and returns in a completion's {@code res} (user-space POLL* values,
 * after the kernel's {@code mangle_poll}).
 */
final class PollMasks {
    static final int POLLIN = 0x1;
    static final int POLLOUT = 0x4;
    static final int POLLERR = 0x8;
    static final int POLLHUP = 0x10;
    static final int POLLNVAL = 0x20;
    static final int POLLRDHUP = 0x2000;

    private PollMasks() {
    }

    /**
     * @param interest {@link Io#READ}, {@link Io#WRITE} or both
     * @return the events to poll for; POLLERR and POLLHUP are always reported by the kernel.
     *         POLLRDHUP comes with READ so a socket's half-close shows as HANGUP.
     */
    static int events(int interest) {
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
     * What poll(2) with the same events would have reported. The kernel adds EPOLLRDHUP,
     * EPOLLERR, EPOLLHUP and EPOLLNVAL to every io_uring poll whatever was asked
     * ({@code IO_POLL_UNMASK} in {@code io_uring/poll.c}); poll(2) always reports POLLERR,
     * POLLHUP and POLLNVAL but POLLRDHUP only when asked, so a POLLRDHUP that {@code events} did
     * not ask for (WRITE-only interest) is dropped here.
     *
     * @param revents the mask the kernel returned (a POLL_ADD completion's non-negative {@code res})
     * @param events  the events that POLL_ADD asked for
     * @return the {@link Io} readiness it means; {@link Backend#DROPPED} with ERROR for POLLNVAL
     *         (the kernel no longer knows the descriptor); 0 when nothing poll(2) would report
     */
    static int readiness(int revents, int events) {
        return readiness(revents & (events | POLLERR | POLLHUP | POLLNVAL));
    }

    private static int readiness(int revents) {
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
        if ((revents & (POLLHUP | POLLRDHUP)) != 0) {
            r |= Io.HANGUP;
        }
        if ((revents & POLLNVAL) != 0) {
            r |= Io.ERROR | Backend.DROPPED;
        }
        return r;
    }
}
