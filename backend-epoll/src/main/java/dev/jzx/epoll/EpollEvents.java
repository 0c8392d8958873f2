package dev.jzx.epoll;

import dev.jzx.Io;
import io.netty.channel.epoll.EpollIoOps;

/**
 * The {@code epoll_event.events} bits, and their translation to and from {@link Io} bits.
 *
 * <p>The values are the Linux UAPI ones, identical on every architecture. They are written out
 * rather than read from {@code io.netty.channel.epoll.Native}, which has no EPOLLHUP at all and
 * whose constants load the native library when first touched.
 */
final class EpollEvents {
    static final int EPOLLIN = 0x001;
    static final int EPOLLOUT = 0x004;
    static final int EPOLLERR = 0x008;
    static final int EPOLLHUP = 0x010;
    static final int EPOLLRDHUP = 0x2000;

    /**
     * What to ask the kernel for, indexed by interest ({@code Io.READ}, {@code Io.WRITE} or both).
     * No EPOLLET: level-triggered, as poll(2). READ also asks for EPOLLRDHUP, as mio does, so a
     * socket whose peer shut down its writing side reports {@link Io#HANGUP} with the
     * end-of-file READ. EPOLLERR and EPOLLHUP need no asking: the kernel always reports them.
     * Built once, because {@link EpollIoOps#valueOf} allocates for any value it has not cached.
     */
    private static final EpollIoOps[] OPS_BY_INTEREST = {
        null,
        EpollIoOps.valueOf(EPOLLIN | EPOLLRDHUP),
        EpollIoOps.valueOf(EPOLLOUT),
        EpollIoOps.valueOf(EPOLLIN | EPOLLRDHUP | EPOLLOUT),
    };

    private EpollEvents() {
    }

    /** @param interest {@code Io.READ}, {@code Io.WRITE} or both */
    static EpollIoOps ops(int interest) {
        return OPS_BY_INTEREST[interest & Io.INTEREST_MASK];
    }

    /** @return the {@link Io} readiness bits of a mask {@code epoll_wait} returned */
    static int readiness(int events) {
        int readiness = 0;
        if ((events & EPOLLIN) != 0) {
            readiness |= Io.READ;
        }
        if ((events & EPOLLOUT) != 0) {
            readiness |= Io.WRITE;
        }
        if ((events & EPOLLERR) != 0) {
            readiness |= Io.ERROR;
        }
        if ((events & (EPOLLHUP | EPOLLRDHUP)) != 0) {
            readiness |= Io.HANGUP;
        }
        return readiness;
    }
}
